// The petition registry: list with filters and paging, detail with history and transitions, create, bulk assignment.
// The dashboard, public opinions, deadlines and calendar sections live in petitions-office.js and follow the
// events this script sends ("petitions:ready", "petitions:changed").
"use strict";

(async function () {
  const { $, el, setText } = MA;
  const OFFICE = ["admin", "desk", "secretary"];
  const STATUSES = [
    ["New", "Mới"], ["Assigned", "Đã phân công"], ["Answered", "Đã có trả lời"], ["AnsweredAtMeeting", "Trả lời tại hội nghị"],
    ["WrittenAnswerNeeded", "Cần trả lời bằng văn bản"], ["ForwardedUp", "Chuyển cấp trên"], ["Resolved", "Đã giải quyết"],
  ];
  const SOURCES = [
    ["FatherlandFront", "Mặt trận Tổ quốc"], ["Questionnaire", "Phiếu hỏi"], ["Letter", "Thư"], ["Email", "Thư điện tử"],
    ["AtMeeting", "Tại hội nghị"], ["PublicPage", "Trang công khai"], ["ExcelImport", "Nhập từ Excel"],
  ];
  const alertBox = $("#alert");
  const { session } = await MA.startStaffPage(["admin", "chair", "desk", "secretary", "department"]);
  const isOffice = OFFICE.includes(session.role);
  const state = { page: 1, pageSize: 25, total: 0, selected: new Set(), current: null, templates: [] };

  const options = (select, pairs, empty) =>
    select.replaceChildren(...(empty ? [el("option", { value: "", text: empty })] : []), ...pairs.map(([v, t]) => el("option", { value: v, text: t })));
  options($("#f-status"), STATUSES, "Tất cả");
  options($("#f-source"), SOURCES, "Tất cả");
  options($("#c-source"), SOURCES);
  $("#fields").replaceChildren(...MA.fields.map((f) => el("option", { value: f })));
  $("#create-section").hidden = !isOffice;
  $("#bulk").hidden = !isOffice;

  const changed = () => document.dispatchEvent(new CustomEvent("petitions:changed"));
  const fail = (e) => MA.alert(alertBox, e.message);
  const formatDate = MA.dayText;

  async function loadDepartments() {
    const names = await MA.api("/api/petitions/departments");
    $("#departments").replaceChildren(...names.map((n) => el("option", { value: n })));
  }

  function query() {
    const form = $("#filters");
    const params = new URLSearchParams();
    for (const name of ["q", "field", "department", "status", "source", "dueBefore"]) {
      const value = form.elements[name].value.trim();
      if (value) params.set(name, name === "dueBefore" ? MA.isoDay(value) : value);
    }
    if (form.elements.overdue.checked) params.set("overdue", "true");
    params.set("page", String(state.page));
    params.set("pageSize", String(state.pageSize));
    return params.toString();
  }

  function dueCell(p) {
    const cell = el("td", { class: "p-due" }, formatDate(p.dueDate));
    if (p.overdue) cell.append(" ", el("span", { class: "tag p-overdue", text: "Quá hạn" }));
    if (p.extended) cell.append(" ", el("span", { class: "tag p-extended", text: "Đã gia hạn" }));
    return cell;
  }

  async function loadList() {
    const data = await MA.api("/api/petitions?" + query());
    state.total = data.total;
    $("#rows").replaceChildren(
      ...data.items.map((p) => {
        const box = el("input", { type: "checkbox", "aria-label": `Chọn kiến nghị số ${p.id}`, checked: state.selected.has(p.id) });
        box.hidden = !isOffice;
        box.addEventListener("click", (e) => e.stopPropagation());
        box.addEventListener("change", () => (box.checked ? state.selected.add(p.id) : state.selected.delete(p.id)));
        const row = el("tr", { "data-id": String(p.id), class: state.current === p.id ? "p-selected" : null },
          el("td", {}, box), el("td", { text: String(p.id) }), el("td", { text: p.petitioner }), el("td", { text: p.field }),
          el("td", { class: "p-content", text: p.content }), el("td", { text: p.department || "" }),
          el("td", { class: "p-status", text: p.statusLabel }), dueCell(p));
        row.addEventListener("click", () => openDetail(p.id).catch(fail));
        return row;
      })
    );
    const pages = Math.max(1, Math.ceil(data.total / data.pageSize));
    setText("#page-info", `Trang ${data.page}/${pages} – ${data.total} mục`);
    $("#prev").disabled = data.page <= 1;
    $("#next").disabled = data.page >= pages;
  }

  function fact(term, value) {
    return [el("dt", { text: term }), el("dd", { text: value || "—" })];
  }

  async function openDetail(id) {
    const d = await MA.api(`/api/petitions/${id}`);
    state.current = id;
    const p = d.petition;
    $("#detail").hidden = false;
    setText("#detail-h", `Chi tiết kiến nghị số ${p.id}`);
    $("#facts").replaceChildren(
      ...fact("Người kiến nghị", p.petitioner), ...fact("Địa chỉ", p.address), ...fact("Loại", p.kindLabel),
      ...fact("Nguồn", p.sourceLabel), ...fact("Ngày nhận", formatDate(p.receivedOn)), ...fact("Lĩnh vực", p.field), ...fact("Thẩm quyền", p.levelLabel),
      ...fact("Mức độ", p.urgencyLabel), ...fact("Nội dung", p.content), ...fact("Phòng ban", p.department),
      ...fact("Trạng thái", p.statusLabel), ...fact("Hạn trả lời", formatDate(p.dueDate) + (p.overdue ? " (quá hạn)" : "")),
      ...fact("Trả lời", d.answer), ...(d.staffNotes !== null ? fact("Ghi chú nội bộ", d.staffNotes) : []),
      ...(d.extensionReason ? fact("Lý do gia hạn", d.extensionReason) : []),
      ...(d.audioMs ? fact("Nói tại hội nghị lúc", new Date(d.audioMs).toLocaleString("vi-VN", { timeZone: "Asia/Ho_Chi_Minh" })) : [])
    );
    setText("#due-why", d.dueExplanation || "");
    $("#t-answer").value = d.answer || "";
    const template = state.templates.find((t) => t.field === p.field);
    $("#use-template").hidden = !template;
    $("#use-template").onclick = template ? () => ($("#t-answer").value = template.text) : null;
    $("#transitions").replaceChildren(
      ...d.transitions.map((t) =>
        el("button", { type: "button", class: "primary", text: `Chuyển sang: ${t.label}`, onclick: () => transition(p.id, t.status).catch(fail) })
      )
    );
    $("#transition-form").hidden = d.transitions.length === 0;
    $("#extension-form").hidden = !isOffice || !p.dueDate || !["New", "Assigned", "WrittenAnswerNeeded"].includes(p.status) || p.kind !== "Request";
    // The written reply exists once a department has answered; its department may print it too.
    $("#reply").hidden = !(d.answer && p.department);
    $("#reply-docx").onclick = () => MA.download(`/api/petitions/${p.id}/reply.docx`).catch(fail);
    $("#reply-pdf").onclick = () => MA.download(`/api/petitions/${p.id}/reply.pdf`).catch(fail);
    $("#history").replaceChildren(
      ...d.history.map((h) =>
        el("li", {}, `${new Date(h.atUtc).toLocaleString("vi-VN", { timeZone: "Asia/Ho_Chi_Minh" })} – ${h.by}: ${h.from} → ${h.to}`,
          h.note ? el("span", { class: "muted", text: ` (${h.note})` }) : null)
      )
    );
    for (const row of document.querySelectorAll("#rows tr")) row.classList.toggle("p-selected", row.dataset.id === String(id));
  }

  async function transition(id, to) {
    const form = $("#transition-form");
    await MA.api(`/api/petitions/${id}/transition`, { method: "POST", body: { to, answer: form.elements.answer.value, note: form.elements.note.value } });
    form.elements.note.value = "";
    MA.alert(alertBox, "Đã chuyển trạng thái.", "ok");
    await Promise.all([openDetail(id), loadList()]);
    changed();
  }

  $("#filters").addEventListener("submit", (e) => {
    e.preventDefault();
    state.page = 1;
    loadList().catch(fail);
  });
  $("#prev").addEventListener("click", () => { state.page--; loadList().catch(fail); });
  $("#next").addEventListener("click", () => { state.page++; loadList().catch(fail); });

  $("#create-form").addEventListener("submit", async (e) => {
    e.preventDefault();
    const form = e.currentTarget;
    const body = Object.fromEntries(new FormData(form).entries());
    try {
      const { id } = await MA.api("/api/petitions", { method: "POST", body });
      MA.showErrors(form, null);
      form.reset();
      MA.alert(alertBox, `Đã lưu kiến nghị số ${id}.`, "ok");
      await Promise.all([loadList(), loadDepartments()]);
      await openDetail(id);
      changed();
    } catch (error) {
      if (!MA.showErrors(form, error)) fail(error);
    }
  });

  $("#bulk-assign").addEventListener("click", async () => {
    const department = $("#bulk-department").value.trim();
    if (state.selected.size === 0) return MA.alert(alertBox, "Hãy đánh dấu các kiến nghị cần phân công.");
    try {
      const result = await MA.api("/api/petitions/bulk-assign", { method: "POST", body: { ids: [...state.selected], department } });
      state.selected.clear();
      MA.alert(alertBox, `Đã phân công ${result.assigned} kiến nghị cho ${department}.`, "ok");
      await Promise.all([loadList(), loadDepartments()]);
      if (state.current) await openDetail(state.current);
      changed();
    } catch (error) {
      fail(error);
    }
  });

  $("#extension-form").addEventListener("submit", async (e) => {
    e.preventDefault();
    const form = e.currentTarget;
    try {
      await MA.api(`/api/petitions/${state.current}/extension`, { method: "POST", body: { days: Number(form.elements.days.value), reason: form.elements.reason.value } });
      MA.showErrors(form, null);
      form.elements.reason.value = "";
      MA.alert(alertBox, "Đã gia hạn.", "ok");
      await Promise.all([openDetail(state.current), loadList()]);
      changed();
    } catch (error) {
      if (!MA.showErrors(form, error)) fail(error);
    }
  });

  document.addEventListener("petitions:reload", () => Promise.all([loadList(), loadDepartments()]).catch(fail));
  await Promise.all([loadList(), loadDepartments()]).catch(fail);
  state.templates = await MA.api("/api/petitions/templates").catch(() => []);
  // The transcript editor links a petition created from a passage as /petitions?id=N.
  const linked = Number(new URLSearchParams(location.search).get("id"));
  if (Number.isInteger(linked) && linked > 0) await openDetail(linked).catch(fail);
  document.dispatchEvent(new CustomEvent("petitions:ready", { detail: { session, isOffice } }));
})();
