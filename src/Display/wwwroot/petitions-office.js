// The office sections of the registry page: dashboard and reminders, opinions from the public page, a meeting's
// deadlines with their reasons and its documents, and the admin's calendar overrides (a change says which deadlines moved).
"use strict";

(function () {
  const { $, el, setText } = MA;
  const alertBox = $("#alert");
  const fail = (e) => MA.alert(alertBox, e.message);
  const formatDate = MA.dayText;
  const reloadRegistry = () => document.dispatchEvent(new CustomEvent("petitions:reload"));

  function stat(label, value, title) {
    return el("div", { class: "p-stat", title: title || null }, el("strong", { text: String(value) }), el("span", { text: label }));
  }

  async function loadDashboard() {
    const d = await MA.api("/api/petitions/dashboard");
    $("#stats").replaceChildren(
      stat("Tổng số", d.total), stat("Đến hạn tuần này", d.dueThisWeekCount), stat("Quá hạn", d.overdueCount),
      stat("Trả lời đúng hạn", d.onTimeRate === null ? "—" : `${d.onTimeRate}% (${d.answeredOnTime}/${d.fallenDue})`,
        `Trả lời đúng hạn / đã đến hạn (gồm cả quá hạn chưa trả lời): ${d.answeredOnTime} đúng hạn, ${d.answeredLate} trả lời quá hạn, ` +
        `${d.fallenDue - d.answeredOnTime - d.answeredLate} quá hạn chưa trả lời.`)
    );
    // An empty heading reads as "still loading"; say there is nothing instead.
    const noneItem = (text) => el("li", { class: "muted", text });
    $("#overdue-by-department").replaceChildren(...(d.overdueByDepartment.length
      ? d.overdueByDepartment.map((o) => el("li", { text: `${o.name}: ${o.count}` }))
      : [noneItem("Không có kiến nghị quá hạn.")]));
    $("#by-field").replaceChildren(...d.byField.map((f) => el("li", { text: `${f.field}: ${f.total} (đã giải quyết ${f.resolved})` })));
    const reminders = await MA.api("/api/petitions/reminders");
    $("#reminders").replaceChildren(...(reminders.length
      ? reminders.map((r) => el("li", { class: r.daysLate > 0 ? "p-overdue" : null, text: r.text }))
      : [noneItem("Không có kiến nghị quá hạn hoặc sắp đến hạn trong 3 ngày làm việc tới.")]));
  }

  async function loadOpinions() {
    const opinions = await MA.api("/api/petitions/opinions");
    $("#opinions").replaceChildren(
      ...(opinions.length === 0 ? [el("li", { class: "muted", text: "Không có ý kiến nào chờ duyệt." })] : []),
      ...opinions.map((o) => {
        const department = el("input", { type: "text", list: "departments", "aria-label": `Phòng ban cho ý kiến của ${o.name}` });
        const reason = el("input", { type: "text", "aria-label": `Lý do không tiếp nhận ý kiến của ${o.name}` });
        return el("li", { "data-opinion": String(o.id) },
          el("strong", { text: o.name }), o.address ? ` – ${o.address}` : "", o.field ? ` – ${o.field}` : "",
          el("p", { text: o.content }),
          el("div", { class: "p-opinion-actions" },
            department,
            el("button", { type: "button", class: "primary", text: `Duyệt: ${o.name}`, onclick: () => review(o.id, "approve", { kind: "Request", department: department.value }) }),
            reason,
            el("button", { type: "button", text: `Không tiếp nhận: ${o.name}`, onclick: () => review(o.id, "reject", { note: reason.value }) })));
      })
    );
  }

  async function review(id, action, body) {
    try {
      await MA.api(`/api/petitions/opinions/${id}/${action}`, { method: "POST", body });
      MA.alert(alertBox, action === "approve" ? "Đã đưa ý kiến vào sổ theo dõi." : "Đã ghi nhận không tiếp nhận.", "ok");
      await loadOpinions();
      reloadRegistry();
      await loadDashboard();
    } catch (e) {
      fail(e);
    }
  }

  async function loadMeetings() {
    const meetings = await MA.api("/api/meetings");
    const select = $("#deadline-meeting");
    select.replaceChildren(el("option", { value: "", text: "Chọn hội nghị" }),
      ...meetings.map((m) => el("option", { value: String(m.id), text: `${m.title} – ${m.scheduledStartText}` })));
  }

  async function loadDeadlines(id) {
    if (!id) {
      $("#deadlines").replaceChildren();
      setText("#deadline-plan", "");
      return;
    }
    const d = await MA.api(`/api/meetings/${id}/deadlines`);
    setText("#deadline-plan", d.planTitle ? `Theo kế hoạch: ${d.planTitle}` : "Hội nghị chưa gắn với kế hoạch: dùng thời hạn mặc định.");
    $("#deadlines").replaceChildren(
      ...d.deadlines.map((x) => el("li", {}, el("strong", { text: `${x.rule}: ${x.weekday}, ${formatDate(x.date)}` }), el("br"), el("span", { class: "muted", text: x.explanation })))
    );
  }

  async function loadYear(year) {
    const y = await MA.api(`/api/calendar/${year}`);
    setText("#year-info", `Tết Nguyên đán: ${formatDate(y.tet)}${y.leapMonth ? `; năm có tháng ${y.leapMonth} nhuận` : ""}.`);
    $("#days").replaceChildren(
      ...y.days.map((d) => el("li", { class: d.isWorkingDay ? "p-work" : null },
        `${d.weekday}, ${formatDate(d.date)}: ${d.isWorkingDay ? "làm việc" : "nghỉ"} – ${d.reason}`,
        d.isOverride ? " " : null,
        d.isOverride ? el("button", { type: "button", class: "link", text: `Bỏ điều chỉnh ${formatDate(d.date)}`, onclick: () => removeOverride(d.date) }) : null))
    );
  }

  function showMoved(result) {
    const moved = result.moved;
    setText("#moved", moved.length === 0
      ? "Không có hạn trả lời nào thay đổi."
      : `Đã tính lại ${moved.length} hạn trả lời:\n` + moved.map((m) => `Số ${m.petitionId} (${m.petitioner}): ${formatDate(m.from)} → ${formatDate(m.to)}`).join("\n"));
  }

  async function removeOverride(date) {
    try {
      showMoved(await MA.api(`/api/calendar/overrides/${date}`, { method: "DELETE" }));
      await loadYear($("#o-year").value);
      reloadRegistry();
    } catch (e) {
      fail(e);
    }
  }

  async function loadAccounts() {
    const accounts = await MA.api("/api/petitions/department-accounts");
    $("#accounts").replaceChildren(
      ...(accounts.length === 0 ? [el("li", { class: "muted", text: "Chưa có tài khoản vai trò «Phòng ban»." })] : []),
      ...accounts.map((a) => {
        const input = el("input", { type: "text", list: "departments", value: a.department || "", "aria-label": `Phòng ban của tài khoản ${a.userName}` });
        const save = async () => {
          try {
            await MA.api(`/api/petitions/department-accounts/${a.userId}`, { method: "PUT", body: { department: input.value } });
            MA.alert(alertBox, `Đã gắn tài khoản ${a.userName} với ${input.value.trim()}.`, "ok");
          } catch (e) {
            fail(e);
          }
        };
        return el("li", { class: "p-opinion-actions" }, el("strong", { text: a.userName }), input,
          el("button", { type: "button", text: `Lưu phòng ban của ${a.userName}`, onclick: save }));
      })
    );
  }

  document.addEventListener("petitions:ready", (event) => {
    const { session, isOffice } = event.detail;
    loadDashboard().catch(fail);
    $("#opinions-section").hidden = !isOffice;
    if (isOffice) loadOpinions().catch(fail);
    $("#deadlines-section").hidden = session.role === "department";
    if (session.role !== "department") loadMeetings().catch(fail);
    $("#calendar-section").hidden = session.role !== "admin";
    $("#accounts-section").hidden = session.role !== "admin";
    $("#templates-section").hidden = !isOffice;
    if (session.role === "admin") loadAccounts().catch(fail);
    if (session.role === "admin") {
      $("#o-year").value = String(new Date().getFullYear());
      loadYear($("#o-year").value).catch(fail);
    }
  });
  document.addEventListener("petitions:changed", () => loadDashboard().catch(fail));
  $("#tpl-field").addEventListener("change", async (e) => {
    const templates = await MA.api("/api/petitions/templates").catch(() => []);
    const found = templates.find((t) => t.field === e.target.value.trim());
    $("#tpl-text").value = found ? found.text : "";
  });
  $("#template-form").addEventListener("submit", async (e) => {
    e.preventDefault();
    const form = e.currentTarget;
    try {
      await MA.api("/api/petitions/templates", { method: "PUT", body: { field: form.elements.field.value, text: form.elements.text.value } });
      MA.alert(alertBox, "Đã lưu mẫu trả lời.", "ok");
    } catch (error) {
      fail(error);
    }
  });
  $("#deadline-meeting").addEventListener("change", (e) => {
    loadDeadlines(e.target.value).catch(fail);
    MA.meetingDocuments($("#meeting-documents"), e.target.value, fail).catch(fail);
  });
  $("#o-year").addEventListener("change", (e) => loadYear(e.target.value).catch(fail));
  $("#override-form").addEventListener("submit", async (e) => {
    e.preventDefault();
    const form = e.currentTarget;
    const date = MA.isoDay(form.elements.date.value);
    try {
      showMoved(await MA.api(`/api/calendar/overrides/${encodeURIComponent(date)}`, {
        method: "PUT", body: { isDayOff: form.elements.isDayOff.value === "true", reason: form.elements.reason.value },
      }));
      $("#o-year").value = date.slice(0, 4);
      await loadYear($("#o-year").value);
      reloadRegistry();
    } catch (error) {
      fail(error);
    }
  });
})();
