// The registry's tools beside its filters: export the filtered list to Excel, the account's saved filter sets, and the
// way to the import, the printable reminder list and the yearly plans. Filters given in the address
// (/petitions?source=ExcelImport) are applied on arrival. Works on petitions.js's filter form and events.
"use strict";

(function () {
  const { $, el } = MA;
  const FILTER_KEYS = ["q", "field", "department", "status", "source", "dueBefore", "overdue"];
  const alertBox = $("#alert");
  const fail = (e) => MA.alert(alertBox, e.message);
  const filters = $("#filters");

  /** The filter form as a query string, without paging: what the list shows, the export writes and a saved set keeps. */
  function filterQuery() {
    const params = new URLSearchParams();
    for (const name of FILTER_KEYS) {
      const input = filters.elements[name];
      if (input.type === "checkbox") {
        if (input.checked) params.set(name, "true");
      } else if (input.value.trim()) params.set(name, name === "dueBefore" ? MA.isoDay(input.value) : input.value.trim());
    }
    return params.toString();
  }

  /** Puts a query string's filters into the form (clearing the others) and shows the list they give. */
  function applyQuery(query) {
    const params = new URLSearchParams(query);
    for (const name of FILTER_KEYS) {
      const input = filters.elements[name];
      if (input.type === "checkbox") input.checked = params.get(name) === "true";
      else input.value = name === "dueBefore" ? MA.dayText(params.get(name)) : params.get(name) || "";
    }
    filters.requestSubmit();
  }

  function build(session) {
    const office = ["admin", "desk", "secretary"].includes(session.role);
    const savedSelect = el("select", { id: "saved-filter", "aria-label": "Bộ lọc đã lưu" });
    const nameInput = el("input", { type: "text", id: "saved-filter-name", maxlength: "80", "aria-label": "Tên bộ lọc cần lưu", placeholder: "Tên bộ lọc cần lưu" });
    const message = el("span", { class: "pt-msg", role: "status", "aria-live": "polite" });
    let saved = [];

    function showSaved(list, selected) {
      saved = list;
      savedSelect.replaceChildren(el("option", { value: "", text: list.length ? "Chọn bộ lọc đã lưu…" : "Chưa lưu bộ lọc nào" }),
        ...list.map((f) => el("option", { value: f.name, text: f.name })));
      savedSelect.value = selected || "";
    }

    async function save() {
      const name = nameInput.value.trim() || savedSelect.value;
      if (!name) {
        message.textContent = "Hãy đặt tên cho bộ lọc.";
        return nameInput.focus();
      }
      try {
        showSaved(await MA.api("/api/petitions/saved-filters", { method: "PUT", body: { name, query: filterQuery() } }), name);
        nameInput.value = "";
        message.textContent = `Đã lưu bộ lọc «${name}».`;
      } catch (e) {
        message.textContent = e.message;
      }
    }

    async function remove() {
      const name = savedSelect.value;
      if (!name) return (message.textContent = "Hãy chọn bộ lọc cần xóa.");
      if (!(await MA.confirm(`Xóa bộ lọc «${name}»?`, "Xóa bộ lọc"))) return;
      try {
        showSaved(await MA.api(`/api/petitions/saved-filters?name=${encodeURIComponent(name)}`, { method: "DELETE" }));
        message.textContent = `Đã xóa bộ lọc «${name}».`;
      } catch (e) {
        message.textContent = e.message;
      }
    }

    savedSelect.addEventListener("change", () => {
      const found = saved.find((f) => f.name === savedSelect.value);
      if (found) applyQuery(found.query);
    });
    nameInput.addEventListener("keydown", (e) => {
      if (e.key === "Enter") {
        e.preventDefault();
        save();
      }
    });

    async function exportList() {
      try {
        const name = await MA.download("/api/petitions/export.xlsx?" + filterQuery());
        message.textContent = `Đã tải tệp ${name} (danh sách đang lọc).`;
      } catch (e) {
        fail(e);
      }
    }

    const bar = el("div", { class: "pt-tools", role: "group", "aria-label": "Công cụ của sổ theo dõi" },
      el("div", { class: "pt-saved" }, savedSelect, nameInput,
        el("button", { type: "button", id: "saved-filter-save", text: "Lưu bộ lọc", onclick: save }),
        el("button", { type: "button", id: "saved-filter-delete", text: "Xóa bộ lọc", onclick: remove })),
      el("div", { class: "pt-links" },
        el("button", { type: "button", id: "export-xlsx", text: "Xuất Excel", onclick: exportList }),
        el("a", { href: "/petitions-reminders", text: "In danh sách nhắc hạn" }),
        ["admin", "secretary"].includes(session.role) ? el("a", { href: "/petitions-import", text: "Nhập từ Excel" }) : null,
        office || session.role === "chair" ? el("a", { href: "/plans", text: "Kế hoạch năm" }) : null),
      message);
    filters.after(bar);
    MA.api("/api/petitions/saved-filters").then((list) => showSaved(list)).catch(fail);
  }

  document.addEventListener("petitions:ready", (event) => {
    build(event.detail.session);
    const given = new URLSearchParams(location.search);
    if (FILTER_KEYS.some((k) => given.has(k))) applyQuery(location.search);
  });
})();
