from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"

# The five seed documents, by what they are.
SEED_CHI_THI_000 = CORPUS / "hai-duong-2024-chi-thi-cai-cach-tthc.txt"
SEED_PHU_LUC_001 = CORPUS / "ke-hoach-5755-2021-phu-luc-nhiem-vu-468.txt"
SEED_QUYET_DINH_002 = CORPUS / "an-giang-2025-quyet-dinh-242-ke-hoach-kiem-soat-tthc.txt"
SEED_KE_HOACH_003 = CORPUS / "hai-duong-2022-ke-hoach-3327-cai-cach-tthc.txt"
SEED_CONG_VAN_004 = CORPUS / "quang-ngai-2024-cong-van-2370-cai-cach-tthc.txt"
SEEDS = [SEED_CHI_THI_000, SEED_PHU_LUC_001, SEED_QUYET_DINH_002, SEED_KE_HOACH_003, SEED_CONG_VAN_004]


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    return CORPUS


@pytest.fixture
def task_headers() -> tuple[str, ...]:
    """The CSV / XLSX task headers the toolkit promises, in order."""
    return ("STT/Mã", "Phần", "Mục", "Nội dung", "Cơ quan chủ trì", "Cơ quan phối hợp", "Đơn vị thực hiện",
            "Đơn vị theo dõi", "Thời hạn", "Loại thời hạn", "Hạn cuối", "Chỉ tiêu", "Sản phẩm", "Ghi chú",
            "Trạng thái", "Ngày hoàn thành", "Nguồn")


@pytest.fixture
def set_limit(monkeypatch):
    """Lower one entry of the size-limit table for a test: ``set_limit("sheet rows", 5)``."""
    from tthc_docs.readers import safety

    def lower(name: str, value: int) -> None:
        assert name in safety.LIMITS, name
        monkeypatch.setattr(safety, "LIMITS", {**safety.LIMITS, name: value})

    return lower
