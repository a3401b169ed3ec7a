// Drag and drop upload: each file is sent on its own (XMLHttpRequest for the
// progress bar) and its result replaces its line in the list. No build step.
(function () {
  "use strict";
  function csrf() { return document.body.dataset.csrf; }

  function uploadOne(file, form, list) {
    var item = document.createElement("li");
    item.className = "upload-result is-pending";
    var name = document.createElement("span");
    name.className = "file-name";
    name.textContent = file.name;
    var bar = document.createElement("progress");
    bar.max = 100; bar.value = 0;
    item.appendChild(name); item.appendChild(bar);
    list.prepend(item);

    var data = new FormData();
    data.append("files", file, file.name);
    data.append("version_of", form.elements.version_of.value);
    data.append("csrf_token", csrf());
    var xhr = new XMLHttpRequest();
    xhr.open("POST", form.action);
    xhr.setRequestHeader("X-CSRF-Token", csrf());
    xhr.setRequestHeader("X-Requested-With", "XMLHttpRequest");
    xhr.upload.onprogress = function (e) { if (e.lengthComputable) bar.value = 100 * e.loaded / e.total; };
    xhr.onload = function () {
      var holder = document.createElement("ul");
      holder.innerHTML = xhr.responseText;  // rendered and escaped by the server
      var result = holder.querySelector("li") || holder.firstElementChild;
      if (result) { item.replaceWith(result); } else { item.replaceChildren(name, holder); }
      document.body.dispatchEvent(new Event("plans-changed"));
    };
    xhr.onerror = function () {
      item.className = "upload-result is-error";
      bar.replaceWith(document.createTextNode(" — không gửi được tệp (mất kết nối tới máy chủ)."));
    };
    xhr.send(data);
  }

  function uploadAll(files, form, list) {
    Array.prototype.forEach.call(files, function (f) { uploadOne(f, form, list); });
  }

  // A double click on a cell of the task table opens the row's edit form with
  // that field focused (one listener for the whole table).
  document.addEventListener("dblclick", function (e) {
    var cell = e.target.closest && e.target.closest("tr.task td[data-field]");
    if (!cell || !window.htmx) return;
    var row = cell.closest("tr.task");
    var url = "/tasks/" + encodeURIComponent(row.dataset.key) + "/edit?focus=" + encodeURIComponent(cell.dataset.field);
    htmx.ajax("GET", url, {target: row, swap: "outerHTML"});
  });

  document.addEventListener("DOMContentLoaded", function () {
    var form = document.getElementById("upload-form");
    if (!form) return;
    var zone = document.getElementById("drop-zone");
    var input = document.getElementById("file-input");
    var list = document.getElementById("upload-results");
    input.addEventListener("change", function () { uploadAll(input.files, form, list); input.value = ""; });
    ["dragenter", "dragover"].forEach(function (type) {
      zone.addEventListener(type, function (e) { e.preventDefault(); zone.classList.add("is-over"); });
    });
    ["dragleave", "drop"].forEach(function (type) {
      zone.addEventListener(type, function (e) { e.preventDefault(); zone.classList.remove("is-over"); });
    });
    zone.addEventListener("drop", function (e) { uploadAll(e.dataTransfer.files, form, list); });
  });
})();
