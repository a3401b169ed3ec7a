"""Tests of tthc_docs.nlp.agencies: splitting a cell into agencies, canonical names."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import SEED_CHI_THI_000, SEED_CONG_VAN_004, SEED_KE_HOACH_003, SEED_PHU_LUC_001, SEED_QUYET_DINH_002
from tthc_docs.errors import DataError, TthcError
from tthc_docs.nlp.agencies import (
    AgencySplit,
    agency_entry,
    canonical_agency,
    split_agencies,
    starts_with_agency_head,
)
from tthc_docs.nlp.gazetteer import gazetteer

VP = "Văn phòng Ủy ban nhân dân tỉnh"
HUYEN = "Ủy ban nhân dân cấp huyện"
XA = "Ủy ban nhân dân cấp xã"
SBN = "Các sở, ban, ngành"
LIEN_QUAN = "Các cơ quan, đơn vị có liên quan"
TTTT = "Sở Thông tin và Truyền thông"
LDTBXH = "Sở Lao động – Thương binh và Xã hội"

# The cases the brief names, and the domain notes' examples.
CASES = [
    ("Sở Văn hóa, Thể thao và Du lịch, Sở Y tế", ("Sở Văn hóa, Thể thao và Du lịch", "Sở Y tế")),
    ("UBND cấp huyện, xã", (HUYEN, XA)),
    ("Các Sở: Kế hoạch và Đầu tư, Lao động – Thương binh và Xã hội, Y tế",
     ("Sở Kế hoạch và Đầu tư", LDTBXH, "Sở Y tế")),
    ("Các sở: Kế hoạch và Đầu tư, Xây dựng, Y tế", ("Sở Kế hoạch và Đầu tư", "Sở Xây dựng", "Sở Y tế")),
    ("Sở Thông tin truyền thông", (TTTT,)),
    ("Sở Thông tin và Truyền thông", (TTTT,)),
    ("Sở TT&TT", (TTTT,)),
    ("Sở TTTT", (TTTT,)),
    ("Văn phòng UBND tỉnh (Trung tâm PVHCC tỉnh)", (VP,)),
    ("Cấp tỉnh: Văn phòng UBND tỉnh (Trung tâm phục vụ hành chính công tỉnh); "
     "Cấp huyện, cấp xã: UBND cấp huyện, cấp xã",
     (VP, HUYEN, XA)),
    ("Sở, ban, ngành, UBND cấp huyện; UBND cấp xã", (SBN, HUYEN, XA)),
    ("Văn phòng UBND tỉnh; UBND huyện, thị xã, thành phố; Các cơ quan có liên quan", (VP, HUYEN, LIEN_QUAN)),
    ("- Các cơ quan, đơn vị. - Văn phòng UBND tỉnh.", ("Các cơ quan, đơn vị", VP)),
    ("Văn phòng UBND tỉnh\nSở Tư pháp\nSở Nội vụ", (VP, "Sở Tư pháp", "Sở Nội vụ")),
    ("Sở Khoa học và Công nghệ", ("Sở Khoa học và Công nghệ",)),
    ("Văn phòng UBND tỉnh và Sở Tư pháp", (VP, "Sở Tư pháp")),
    ("Sở Y tế (nếu có);", ("Sở Y tế",)),
    ("Các sở, ban, ngành và các cơ quan liên quan.", (SBN, LIEN_QUAN)),
    ("UBND các huyện, thị xã, thành phố", (HUYEN,)),
    ("UBND các xã, phường, thị trấn", (XA,)),
    ("VP UBND tỉnh; HĐND tỉnh; CA tỉnh; BHXH tỉnh",
     (VP, "Hội đồng nhân dân tỉnh", "Công an tỉnh", "Bảo hiểm xã hội tỉnh")),
    ("Sở KH&ĐT, Sở TN&MT, Sở LĐ-TB&XH", ("Sở Kế hoạch và Đầu tư", "Sở Tài nguyên và Môi trường", LDTBXH)),
    ("BQL các KCN; Trung tâm PVHCC", ("Ban Quản lý các khu công nghiệp", "Trung tâm Phục vụ hành chính công tỉnh")),
    ("Riêng các sở: Tài nguyên và Môi trường, Công Thương, Y tế...",
     ("Sở Tài nguyên và Môi trường", "Sở Công Thương", "Sở Y tế")),
    ("Sở Tư pháp, Tài chính", ("Sở Tư pháp", "Sở Tài chính")),
    ("Công an tỉnh, huyện", ("Công an tỉnh", "Công an cấp huyện")),
    ("Sở Tư pháp; Sở Tư pháp", ("Sở Tư pháp",)),
    ("1. Sở Nội vụ; 2. Sở Y tế", ("Sở Nội vụ", "Sở Y tế")),
    ("Sở Văn hoá, Thể thao và Du lịch; Uỷ ban nhân dân tỉnh",
     ("Sở Văn hóa, Thể thao và Du lịch", "Ủy ban nhân dân tỉnh")),
    ("Sở Nội vụ tỉnh; Sở Tư pháp cấp tỉnh", ("Sở Nội vụ", "Sở Tư pháp")),
    ("Sở Bưu chính, Viễn thông", ("Sở Bưu chính, Viễn thông",)),
    ("", ()),
    (" ;\n- ", ()),
]


@pytest.mark.parametrize(("cell", "names"), CASES)
def test_split_names(cell, names):
    assert split_agencies(cell).names == names


# Cells of the tester's genre run (new provinces' plans), with the agencies a reader sees.
GENRE_CELLS = [
    # Hà Tĩnh KH 96 and Quảng Trị QĐ 512: the district units listed in another order
    ("Các sở, ban, ngành; UBND các huyện, thành phố, thị xã", (SBN, HUYEN)),
    ("UBND các thành phố, huyện, thị xã", (HUYEN,)),
    ("UBND các thị xã, thành phố, huyện", (HUYEN,)),
    ("UBND các thị xã, huyện, thành phố", (HUYEN,)),
    ("Các sở, ban, ngành, UBND các huyện, thành phố", (SBN, HUYEN)),
    ("Thủ trưởng các sở, ban, ngành tỉnh, Chủ tịch UBND các huyện, thành phố",
     ("Thủ trưởng các sở, ban, ngành", "Chủ tịch Ủy ban nhân dân cấp huyện")),
    # Cà Mau KH 210: the provincial city bears the province's name
    ("UBND các huyện, thành phố Cà Mau", (HUYEN,)),
    # Quảng Trị QĐ 512: "có liên quan" narrows the departments, the collective stays theirs
    ("Các sở, ngành liên quan", (SBN,)),
    ("Các sở, ngành có liên quan", (SBN,)),
    ("Sở Tư pháp; các sở, ban, ngành có liên quan", ("Sở Tư pháp", SBN)),
    # Quảng Trị QĐ 512: the State Bank's provincial branch, named with its province like "Báo Hải Dương"
    ("Kho bạc Nhà nước tỉnh; Ngân hàng Nhà nước chi nhánh tỉnh Quảng Trị",
     ("Kho bạc Nhà nước tỉnh", "Ngân hàng Nhà nước chi nhánh tỉnh")),
    ("Ngân hàng Nhà nước chi nhánh Bến Tre", ("Ngân hàng Nhà nước chi nhánh tỉnh",)),
]


@pytest.mark.parametrize(("cell", "names"), GENRE_CELLS, ids=[c for c, _ in GENRE_CELLS])
def test_genre_cell(cell, names):
    found = split_agencies(cell)
    assert (found.names, found.unknown) == (names, ())


# A part of a list that is the tail of a name takes the head of the name before it; a part
# no name ends with stays as written.
ELIDED_HEADS = [
    ("Chủ tịch UBND cấp huyện, xã", ("Chủ tịch Ủy ban nhân dân cấp huyện", "Chủ tịch Ủy ban nhân dân cấp xã"), ()),
    ("Văn phòng UBND tỉnh, huyện", (VP, "Văn phòng Ủy ban nhân dân cấp huyện"), ()),
    ("Công an tỉnh, huyện, xã", ("Công an tỉnh", "Công an cấp huyện", "Công an cấp xã"), ()),
    ("UBND cấp huyện, các xã", (HUYEN, XA), ()),
    ("UBND cấp huyện (Phòng Tư pháp), xã", (HUYEN, XA), ()),
    ("Sở Y tế, Giáo dục và Đào tạo", ("Sở Y tế", "Sở Giáo dục và Đào tạo"), ()),
    ("Văn phòng UBND tỉnh, Sở Y tế (nếu có), Ngoại vụ", (VP, "Sở Y tế", "Sở Ngoại vụ"), ()),
    ("UBND cấp huyện, Trung tâm Y", (HUYEN, "Trung tâm Y"), ("Trung tâm Y",)),
    ("Sở Tư pháp, Công nghệ thông tin", ("Sở Tư pháp", "Công nghệ thông tin"), ("Công nghệ thông tin",)),
]


@pytest.mark.parametrize(("cell", "names", "unknown"), ELIDED_HEADS, ids=[c for c, _, _ in ELIDED_HEADS])
def test_elided_head(cell, names, unknown):
    found = split_agencies(cell)
    assert (found.names, found.unknown) == (names, unknown)


def test_a_named_province_on_another_body_is_still_that_provinces_body():
    assert split_agencies("Sở Ngoại vụ tỉnh Lào Cai").unknown == ("Sở Ngoại vụ tỉnh Lào Cai",)


# Cells as they stand in the seeds (checked below), with the agencies a reader sees.
SEED_CELLS = [
    (SEED_PHU_LUC_001, "Các sở, ban, ngành, UBND cấp huyện, xã", (SBN, HUYEN, XA)),
    (SEED_PHU_LUC_001, "Văn phòng UBND tỉnh, Sở Nội vụ, Sở Thông tin và Truyền thông, UBND cấp huyện, xã",
     (VP, "Sở Nội vụ", TTTT, HUYEN, XA)),
    (SEED_PHU_LUC_001, "Văn phòng UBND tỉnh, Văn phòng UBND huyện, xã",
     (VP, "Văn phòng Ủy ban nhân dân cấp huyện", "Văn phòng Ủy ban nhân dân cấp xã")),
    (SEED_PHU_LUC_001, "Sở Tư pháp, Sở Nội vụ (rà soát về pháp lý); Sở Thông tin và Truyền thông (về ứng dụng CNTT)",
     ("Sở Tư pháp", "Sở Nội vụ", TTTT)),
    (SEED_PHU_LUC_001, "Công an tỉnh, Bảo hiểm xã hội, Sở Tư pháp, Cục Thuế, Cục Hải quan",
     ("Công an tỉnh", "Bảo hiểm xã hội tỉnh", "Sở Tư pháp", "Cục Thuế tỉnh", "Cục Hải quan tỉnh")),
    (SEED_PHU_LUC_001, "Đơn vị cung cấp sản phẩm/ dịch vụ; UBND các huyện, thành phố",
     ("Đơn vị cung cấp sản phẩm/ dịch vụ", HUYEN)),
    (SEED_PHU_LUC_001, "Văn phòng UBND tỉnh, đơn vị được lựa chọn thí điểm, đơn vị cung ứng dịch vụ",
     (VP, "đơn vị được lựa chọn thí điểm", "đơn vị cung ứng dịch vụ")),
    (SEED_PHU_LUC_001, "Các sở, ban, ngành; cơ quan ngành dọc, Đơn vị cung ứng dịch vụ",
     (SBN, "Các cơ quan ngành dọc", "Đơn vị cung ứng dịch vụ")),
    (SEED_PHU_LUC_001, "Văn phòng UBND tỉnh, các sở, ban, ngành; UBND cấp huyện, cấp xã và các cơ quan liên quan",
     (VP, SBN, HUYEN, XA, LIEN_QUAN)),
    (SEED_PHU_LUC_001, "Sở Nội vụ , Sở Thông tin và Truyền thông", ("Sở Nội vụ", TTTT)),
    (SEED_PHU_LUC_001, "Bảo hiểm xã hội; Sở Tài nguyên và Môi trường",
     ("Bảo hiểm xã hội tỉnh", "Sở Tài nguyên và Môi trường")),
    (SEED_KE_HOACH_003, "- Văn phòng UBND tỉnh.\n- Sở Tư pháp", (VP, "Sở Tư pháp")),
    (SEED_KE_HOACH_003, "Các sở, ban, ngành;\nUBND cấp huyện.", (SBN, HUYEN)),
    (SEED_KE_HOACH_003, "Văn phòng UBND tỉnh; UBND cấp huyện, UBND cấp xã.", (VP, HUYEN, XA)),
    (SEED_KE_HOACH_003, "Các sở, ban, ngành, cơ quan có liên quan", (SBN, LIEN_QUAN)),
    (SEED_KE_HOACH_003, "Các sở, ban, ngành có dịch vụ công do Bộ chuyên ngành quản lý",
     ("Các sở, ban, ngành có dịch vụ công do Bộ chuyên ngành quản lý",)),
    (SEED_KE_HOACH_003, "Sở Thông tin và Truyền thông; các cơ quan hành chính nhà nước",
     (TTTT, "Các cơ quan hành chính nhà nước")),
    (SEED_KE_HOACH_003, "Đài Phát thanh và Truyền hình tỉnh, Báo Hải Dương và các cơ quan, đơn vị có liên quan",
     ("Đài Phát thanh và Truyền hình tỉnh", "Báo tỉnh", LIEN_QUAN)),
    (SEED_KE_HOACH_003, "Sở Kế hoạch và Đầu tư; các sở, ban, ngành, UBND cấp huyện, UBND cấp xã",
     ("Sở Kế hoạch và Đầu tư", SBN, HUYEN, XA)),
    (SEED_KE_HOACH_003, "Các cơ quan, đơn vị, địa phương có liên quan.", ("Các cơ quan, đơn vị, địa phương",)),
    (SEED_KE_HOACH_003, "Các cơ quan chuyên môn thuộc UBND tỉnh, Ban Quản lý các khu công nghiệp",
     ("Các cơ quan chuyên môn thuộc Ủy ban nhân dân tỉnh", "Ban Quản lý các khu công nghiệp")),
    (SEED_CHI_THI_000, "Văn phòng UBND tỉnh; các cơ quan có liên quan", (VP, LIEN_QUAN)),
    (SEED_CHI_THI_000, "Văn phòng UBND tỉnh; Sở Tư pháp.", (VP, "Sở Tư pháp")),
    (SEED_CHI_THI_000, "Các cơ quan, đơn vị, địa phương.", ("Các cơ quan, đơn vị, địa phương",)),
    (SEED_CHI_THI_000, '<ul style="list-style-type: none"> - Văn phòng UBND tỉnh. - Sở Thông tin và Truyền thông. ',
     (VP, TTTT)),
    (SEED_CHI_THI_000, "Văn phòng UBND tỉnh và UBND các huyện, thị xã, thành phố", (VP, HUYEN)),
    (SEED_CHI_THI_000, "Thủ trưởng các Sở, ban, ngành thuộc UBND tỉnh, Chủ tịch UBND các huyện, thị xã, thành phố",
     ("Thủ trưởng các sở, ban, ngành", "Chủ tịch Ủy ban nhân dân cấp huyện")),
    (SEED_CHI_THI_000, "Bộ Giao thông vận tải, Bộ Kế hoạch và Đầu tư, Bộ Lao động – Thương binh và Xã hội, "
     "Bộ Tài chính, Bộ Tư pháp, Bộ Tài nguyên và Môi trường",
     ("Bộ Giao thông vận tải", "Bộ Kế hoạch và Đầu tư", "Bộ Lao động – Thương binh và Xã hội", "Bộ Tài chính",
      "Bộ Tư pháp", "Bộ Tài nguyên và Môi trường")),
    (SEED_QUYET_DINH_002, "Văn phòng UBND tỉnh (Trung tâm phục vụ hành chính công tỉnh); Văn phòng HĐND& UBND cấp "
     "huyện; UBND cấp xã", (VP, "Văn phòng Ủy ban nhân dân cấp huyện", XA)),
    (SEED_QUYET_DINH_002, "Sở, ban, ngành tỉnh; UBND huyện, thị xã, thành phố; UBND xã, phường, thị trấn; Văn phòng "
     "UBND tỉnh", (SBN, HUYEN, XA, VP)),
    (SEED_QUYET_DINH_002, "Sở Thông tin và Truyền thông; Sở Nội vụ; Sở Tài chính; Sở Kế hoạch và Đầu Tư; Các cơ quan "
     "khác có liên quan", (TTTT, "Sở Nội vụ", "Sở Tài chính", "Sở Kế hoạch và Đầu tư", LIEN_QUAN)),
    (SEED_QUYET_DINH_002, "Chủ tịch UBND tỉnh; Giám đốc Sở, ban, ngành tỉnh; Chủ tịch UBND cấp huyện",
     ("Chủ tịch Ủy ban nhân dân tỉnh", "Thủ trưởng các sở, ban, ngành", "Chủ tịch Ủy ban nhân dân cấp huyện")),
    (SEED_QUYET_DINH_002, "Văn phòng UBND tỉnh; Tổ chức, cá nhân và chuyên gia có liên quan",
     (VP, "Tổ chức, cá nhân và chuyên gia có liên quan")),
    (SEED_QUYET_DINH_002, "Các cơ quan thông tấn báo chí trên địa bàn tỉnh/ Đài truyền thanh các địa phương",
     ("Các cơ quan thông tấn, báo chí trên địa bàn tỉnh", "Các đài truyền thanh địa phương")),
    (SEED_QUYET_DINH_002, "Sở Thông tin truyền thông; Các đơn vị có liên quan", (TTTT, LIEN_QUAN)),
    (SEED_QUYET_DINH_002, "Sở, ngành, địa phương", ("Các sở, ban, ngành, địa phương",)),
    (SEED_QUYET_DINH_002, "UBND các cấp", ("Ủy ban nhân dân các cấp",)),
    (SEED_QUYET_DINH_002, "Văn phòng UBND cấp huyện", ("Văn phòng Ủy ban nhân dân cấp huyện",)),
    (SEED_QUYET_DINH_002, "Sở, ban, ngành tỉnh; UBND cấp huyện;", (SBN, HUYEN)),
    (SEED_QUYET_DINH_002, "Văn phòng UBND tỉnh (Trung tâm Phục vụ Hành chính công của tỉnh); UBND cấp huyện; UBND cấp "
     "xã.", (VP, HUYEN, XA)),
    (SEED_QUYET_DINH_002, "Các cơ quan có liên quan; Cổng tham vấn và tra cứu quy định kinh doanh",
     (LIEN_QUAN, "Cổng tham vấn và tra cứu quy định kinh doanh")),
    (SEED_CONG_VAN_004, "- Các sở, ban, ngành tỉnh;\n- Công an tỉnh; Cục Thuế tỉnh; Cục Quản lý thị trường tỉnh; "
     "Cục Hải quan tỉnh; Bảo hiểm xã hội tỉnh;\n- UBND các huyện, thị xã, thành phố;\n- UBND các xã, phường, thị trấn.",
     (SBN, "Công an tỉnh", "Cục Thuế tỉnh", "Cục Quản lý thị trường tỉnh", "Cục Hải quan tỉnh",
      "Bảo hiểm xã hội tỉnh", HUYEN, XA)),
]


@pytest.mark.parametrize(("seed", "cell", "names"), SEED_CELLS)
def test_split_real_cells_from_the_seeds(seed, cell, names):
    assert cell in seed.read_text(encoding="utf-8")
    assert split_agencies(cell).names == names


def test_row_split_over_two_pages_joins_back():
    # Seed 000, task 7: the lead cell "Các sở, ban, ngành, UBND cấp" goes on on the next page.
    text = SEED_CHI_THI_000.read_text(encoding="utf-8")
    first, rest = "Các sở, ban, ngành, UBND cấp", "huyện, UBND cấp xã"
    assert f"\t{first}\t" in text and f"\t{rest}\t" in text
    assert split_agencies(f"{first}\n{rest}").names == (SBN, HUYEN, XA)


@pytest.mark.parametrize(("cell", "details"), [
    ("Văn phòng UBND tỉnh (Trung tâm PVHCC tỉnh)", ("Trung tâm PVHCC tỉnh",)),
    ("Văn phòng UBND tỉnh (Trung tâm phục vụ hành chính công; Bộ phận Một cửa), Sở Y tế",
     ("Trung tâm phục vụ hành chính công; Bộ phận Một cửa", None)),
    ("Sở Tư pháp, Sở Nội vụ (rà soát về pháp lý)", (None, "rà soát về pháp lý")),
    ("Sở Y tế (nếu có)", (None,)),
    ("Sở Y tế (Chi cục (cũ) An toàn thực phẩm)", ("Chi cục (cũ) An toàn thực phẩm",)),
])
def test_parenthetical_is_the_detail(cell, details):
    assert tuple(m.detail for m in split_agencies(cell).agencies) == details


@pytest.mark.parametrize(("cell", "unknown"), [
    ("Sở Ngoại vụ tỉnh Lào Cai", ("Sở Ngoại vụ tỉnh Lào Cai",)),
    ("Trung tâm Công nghệ thông tin", ("Trung tâm Công nghệ thông tin",)),
    ("Sở Ngoại vụ tỉnh Lào Cai, Trung tâm Công nghệ thông tin; Sở Y tế",
     ("Sở Ngoại vụ tỉnh Lào Cai", "Trung tâm Công nghệ thông tin")),
    ("Tổ chức, cá nhân và chuyên gia có liên quan", ("Tổ chức, cá nhân và chuyên gia có liên quan",)),
    ("Sở Văn hóa, Thể thao và Du lịch tỉnh Lào Cai", ("Sở Văn hóa, Thể thao và Du lịch tỉnh Lào Cai",)),
    ("Các Sở: Ngoại vụ tỉnh Lào Cai", ("Sở Ngoại vụ tỉnh Lào Cai",)),
])
def test_unknown_names_are_kept_verbatim(cell, unknown):
    split = split_agencies(cell)
    assert split.unknown == unknown
    assert all(m.name == m.text for m in split.agencies if not m.known)


@pytest.mark.parametrize(("cell", "references", "names"), [
    ("Đã được phân công theo Kế hoạch số 243/KH-UBND", ("Đã được phân công theo Kế hoạch số 243/KH-UBND",), ()),
    ("Sở Y tế; theo Quyết định số 403/QĐ-UBND", ("theo Quyết định số 403/QĐ-UBND",), ("Sở Y tế",)),
    ("Chưa hoàn thành: Sở Kế hoạch và Đầu tư; Sở Lao động - Thương binh và Xã hội.", ("Chưa hoàn thành",),
     ("Sở Kế hoạch và Đầu tư", LDTBXH)),
    ("Sở Tư pháp (theo Quyết định số 12/QĐ-UBND)", (), ("Sở Tư pháp",)),
    ("100", ("100",), ()),
])
def test_references_are_not_agencies(cell, references, names):
    split = split_agencies(cell)
    assert (split.references, split.names) == (references, names)


@pytest.mark.parametrize(("cell", "level"), [
    ("Sở Tư pháp", "tinh"), ("UBND cấp huyện", "huyen"), ("UBND xã", "xa"), ("Văn phòng Chính phủ", "trung_uong"),
    ("Các cơ quan, đơn vị có liên quan", None),
    ("UBND huyện Châu Thành", "huyen"), ("UBND thị xã Tân Châu", "huyen"), ("UBND phường Mỹ Long", "xa"),
    ("Sở Ngoại vụ tỉnh Lào Cai", "tinh"), ("Trung tâm Công nghệ thông tin", None), ("Hội Bảo trợ xã hội", None),
])
def test_level(cell, level):
    assert split_agencies(cell).agencies[0].level == level


@pytest.mark.parametrize("cell", [c for c, _ in CASES] + [c for _, c, _ in SEED_CELLS])
def test_offsets_point_at_the_written_name(cell):
    for m in split_agencies(cell).agencies:
        written = " ".join(cell[m.start:m.end].split())
        assert 0 <= m.start < m.end <= len(cell)
        assert m.text.endswith(written) or "(" in written  # an elided head is prefixed to the written tail


def test_elided_mention_text_and_span():
    cell = "UBND cấp huyện, xã"
    second = split_agencies(cell).agencies[1]
    assert (second.text, cell[second.start:second.end]) == ("UBND cấp xã", "xã")


@pytest.mark.parametrize(("written", "canonical"), [
    ("Sở TT&TT", TTTT), ("Sở TT-TT", TTTT), ("sở thông tin và truyền thông", TTTT),
    ("Sở Thông tin và Truyền thông tỉnh", TTTT),
    ("VP UBND tỉnh", VP), ("Văn phòng Uỷ ban nhân dân tỉnh", VP), ("VPUB tỉnh", VP),
    (unicodedata.normalize("NFD", "Văn phòng Ủy ban nhân dân tỉnh"), VP),
    ("UBND các huyện, thị xã, thành phố", HUYEN), ("UBND các xã, phường, thị trấn", XA),
    ("Sở Lao động - Thương binh và Xã hội", LDTBXH), ("Sở LĐTBXH", LDTBXH),
    ("Trung tâm Hành chính công", "Trung tâm Phục vụ hành chính công tỉnh"),
    ("Trung tâm Phục vụ - Kiểm soát TTHC tỉnh", "Trung tâm Phục vụ hành chính công tỉnh"),
    ("Báo Hải Dương", "Báo tỉnh"), ("Đài Phát thanh và Truyền hình An Giang", "Đài Phát thanh và Truyền hình tỉnh"),
    ("Sở, ban, ngành thuộc UBND tỉnh", SBN),
    ("Sở Giao giao thông vận tải", "Sở Giao thông vận tải"),  # seed 000, a doubled word
    ("Trung tâm phục hành chính công tỉnh", "Trung tâm Phục vụ hành chính công tỉnh"),  # seed 002, a dropped word
    ("Sở Lao đông – Thương binh và Xã hôi", LDTBXH),
    ("Sở Ngoại vụ tỉnh Lào Cai", None), ("Trung tâm Công nghệ thông tin", None), ("Sở Nội vụ, Sở Y tế", None),
    ("", None),
    # guarded near-misses: another province's body, a level swapped, a short name, an added word
    ("Sở Tài nguyên và Môi trường tỉnh Huế", None), ("Văn phòng UBND cấp thành phố", None),
    ("Trung tâm Phục vụ hành chính công huyện", None), ("Sở Ngoại vụ tỉnh", "Sở Ngoại vụ"), ("Sở Nội", None),
    ("Sở Kế hoạch và Đầu tư phát triển", None), ("Sở Nông nghiệp và Phát triển nông thôn mới", None),
    ("UBND huyện Châu Thành", None),  # a proper name is no typo of "UBND các huyện, thị, thành"
    ("Sở Thông tin và Truyền hình", None),  # a different word, not a typo
    ("Sở Nông nghiệp và Phát triển nông thông", "Sở Nông nghiệp và Phát triển nông thôn"),  # one letter off
])
def test_canonical_agency(written, canonical):
    assert canonical_agency(written) == canonical


def test_agency_entry_gives_the_gazetteer_row():
    entry = agency_entry("Sở TT&TT")
    assert entry is not None and (entry.name, entry.level, entry.kind) == (TTTT, "tinh", "department")
    assert "Sở TT&TT" in entry.abbreviations
    assert agency_entry("Sở Ngoại vụ tỉnh Lào Cai") is None


def test_names_and_unknown_keep_order_and_drop_duplicates():
    split = split_agencies("Sở Y tế; Trung tâm Y; Sở Tư pháp; Sở Y tế; Trung tâm Y")
    assert split.names == ("Sở Y tế", "Trung tâm Y", "Sở Tư pháp")
    assert split.unknown == ("Trung tâm Y",)
    assert len(split.agencies) == 5


@pytest.mark.parametrize("bad", [None, 12, ["Sở Y tế"]])
def test_non_text_cell_is_a_data_error(bad):
    with pytest.raises(DataError, match="must be text"):
        split_agencies(bad)


FRAGMENTS = list("Sở Y tế,;.:()-–\n/&") + ["Sở Tư pháp", " và ", "UBND cấp huyện", "xã", "Các Sở:", "(nếu có)",
                                              "Văn phòng UBND tỉnh", "243/KH-UBND", "<ul>", "Thể thao", " "]


@given(st.lists(st.sampled_from(FRAGMENTS), max_size=60).map("".join) | st.text(max_size=300))
@settings(deadline=1000, max_examples=150)
def test_any_text_gives_a_split_or_a_toolkit_error(cell):
    try:
        split = split_agencies(cell)
    except TthcError:
        return
    assert isinstance(split, AgencySplit)
    for m in split.agencies:
        assert 0 <= m.start <= m.end <= len(cell) and m.name and m.text
        assert m.known or m.name == m.text


@given(st.lists(st.sampled_from(sorted(e.name for e in gazetteer())), min_size=1, max_size=6))
@settings(deadline=1000, max_examples=100)
def test_canonical_names_joined_by_semicolons_come_back(names):
    assert split_agencies("; ".join(names)).names == tuple(dict.fromkeys(names))


@pytest.mark.parametrize(("name", "reads_as_agency"), [
    ("Kho bạc Nhà nước khu vực XV", True),
    ("Thuế tỉnh", True),  # a head, then a level
    ("Chi cục Thuế khu vực 3", True),  # "Chi cục", not "Cục" inside it
    ("Trung tâm Kinh doanh", True),
    ("Sở 2", True),
    ("Ban hành", False),  # a head word, then a common word
    ("Trung tâm của tỉnh", False),
    ("sở Y tế", False),  # not capitalised
    ("Sởi", False),  # the head word is longer
    ("Trung tâm", False),  # nothing after the head
    ("", False),
])
def test_starts_with_agency_head(name, reads_as_agency):
    assert starts_with_agency_head(name) is reads_as_agency
