// Yearly plans: their deadline rules, the meetings that follow them, and each meeting's dates as the server computes
// them with the reason for each (which rule, which days off were stepped over), and the report to the upper level over
// the plan or a year. Admin and secretary edit; chair and desk read.
"use strict";

(async function () {
  const { $, el, setText } = MA;
  const { session, alertBox } = await MA.startStaffPage(["admin", "secretary", "chair", "desk"]);
  const canEdit = ["admin", "secretary"].includes(session.role);
  const RULES = ["noticeDaysBefore", "answersWorkingDaysBefore", "conclusionWorkingDays", "conclusionComplexWorkingDays", "departmentAnswerWorkingDays", "reportWorkingDays"];
  // The seeds' defaults (the server's DeadlineRules), for a new plan.
  const DEFAULTS = { noticeDaysBefore: 7, noticeCountKind: "Plain", answersWorkingDaysBefore: 5, conclusionWorkingDays: 10, conclusionComplexWorkingDays: 15, departmentAnswerWorkingDays: 7, reportWorkingDays: 5 };
  const formatDate = MA.dayText;
  const state = { plans: [], meetings: [], current: null };
  const form = $("#plan-form");

  $("#plan-fields").disabled = !canEdit;
  $("#plan-new").hidden = !canEdit;

  function say(node, text, kind) {
    node.textContent = text;
    node.dataset.kind = kind || "error";
    node.hidden = !text;
  }
  const fail = (e) => MA.alert(alertBox, e.message);

  async function loadPlans() {
    state.plans = await MA.api("/api/plans");
    $("#plans").replaceChildren(
      ...(state.plans.length === 0 ? [el("li", { class: "muted", text: "Chưa có kế hoạch nào." })] : []),
      ...state.plans.map((p) =>
        el("li", {}, el("button", {
          type: "button", "aria-current": state.current === p.id ? "true" : "false", "data-plan": String(p.id),
          onclick: () => openPlan(p.id).catch(fail),
        }, `${p.title}`, el("small", { text: `Năm ${p.year} · ${p.meetingIds.length} hội nghị` })))
      )
    );
  }

  function fill(plan) {
    const rules = plan ? plan.rules : DEFAULTS;
    form.elements.year.value = plan ? String(plan.year) : String(new Date().getFullYear() + 1);
    form.elements.title.value = plan ? plan.title : "";
    form.elements.organisingBody.value = plan ? plan.organisingBody : "";
    for (const name of RULES) form.elements[name].value = String(rules[name]);
    form.elements.noticeCountKind.value = rules.noticeCountKind;
    MA.showErrors(form, null);
    say($("#plan-msg"), "");
  }

  async function openPlan(id) {
    state.current = id;
    const plan = state.plans.find((p) => p.id === id) || null;
    fill(plan);
    setText("#plan-h", plan ? `Kế hoạch: ${plan.title}` : "Kế hoạch mới");
    $("#plan-delete").hidden = !plan || !canEdit;
    $("#meetings-section").hidden = !plan;
    $("#dates-section").hidden = !plan;
    $("#report-section").hidden = !plan;
    if (plan) $("#report-year").value = String(plan.year);
    for (const b of document.querySelectorAll("#plans button")) b.setAttribute("aria-current", b.dataset.plan === String(id) ? "true" : "false");
    if (plan) {
      showMeetings(plan);
      await showDates(plan);
    }
  }

  function planOf(meetingId) {
    return state.plans.find((p) => p.meetingIds.includes(meetingId)) || null;
  }

  function showMeetings(plan) {
    $("#meetings").replaceChildren(
      ...(state.meetings.length === 0 ? [el("p", { class: "muted", text: "Chưa có hội nghị nào. Tạo hội nghị ở trang Thiết lập." })] : []),
      ...state.meetings.map((m) => {
        const other = planOf(m.id);
        const box = el("input", { type: "checkbox", value: String(m.id), checked: plan.meetingIds.includes(m.id), disabled: !canEdit });
        return el("label", {}, box, `${m.title} – ${m.scheduledStartText}`,
          other && other.id !== plan.id ? el("small", { text: ` (đang thuộc: ${other.title})` }) : null);
      })
    );
    $("#meetings-save").hidden = !canEdit;
  }

  async function showDates(plan) {
    if (plan.meetingIds.length === 0) {
      $("#dates").replaceChildren(el("p", { class: "muted", text: "Kế hoạch chưa có hội nghị nào: đánh dấu hội nghị ở trên rồi lưu." }));
      return;
    }
    const views = await Promise.all(plan.meetingIds.map((id) => MA.api(`/api/meetings/${id}/deadlines`)));
    $("#dates").replaceChildren(
      ...views.map((v) =>
        el("div", { class: "pl-meeting-dates", "data-meeting": String(v.meetingId) },
          el("h3", { text: `${v.meetingTitle} – họp ngày ${formatDate(v.meetingDay)}` }),
          el("ol", { class: "pl-dates" },
            ...v.deadlines.map((d) =>
              el("li", {}, el("strong", { text: `${d.rule}: ${d.weekday}, ${formatDate(d.date)}` }), el("span", { class: "muted", text: d.explanation })))))
      )
    );
  }

  function body() {
    const rules = { noticeCountKind: form.elements.noticeCountKind.value };
    for (const name of RULES) rules[name] = Number(form.elements[name].value);
    return {
      year: Number(form.elements.year.value) || null,
      title: form.elements.title.value,
      organisingBody: form.elements.organisingBody.value,
      rules,
    };
  }

  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    if (!canEdit) return;
    const creating = state.current === null;
    try {
      const { id } = await MA.api(creating ? "/api/plans" : `/api/plans/${state.current}`, { method: creating ? "POST" : "PUT", body: body() });
      await loadPlans();
      await openPlan(id);
      say($("#plan-msg"), creating ? "Đã tạo kế hoạch. Hãy chọn các hội nghị của kế hoạch bên dưới." : "Đã lưu kế hoạch; các mốc thời hạn đã được tính lại.", "ok");
      if (creating) {
        const first = MA.$("#meetings input");
        if (first) first.focus();
      }
    } catch (error) {
      MA.showErrors(form, error);
      say($("#plan-msg"), error.message);
    }
  });

  $("#plan-new").addEventListener("click", () => {
    openPlan(null).catch(fail);
    form.elements.year.focus();
  });

  $("#plan-delete").addEventListener("click", async () => {
    const plan = state.plans.find((p) => p.id === state.current);
    if (!plan || !(await MA.confirm(`Xóa kế hoạch «${plan.title}»? Các hội nghị của kế hoạch sẽ dùng thời hạn mặc định.`, "Xóa kế hoạch"))) return;
    try {
      await MA.api(`/api/plans/${plan.id}`, { method: "DELETE" });
      await loadPlans();
      await openPlan(null);
      MA.alert(alertBox, `Đã xóa kế hoạch «${plan.title}».`, "ok");
    } catch (error) {
      fail(error);
    }
  });

  $("#meetings-save").addEventListener("click", async () => {
    const plan = state.plans.find((p) => p.id === state.current);
    if (!plan) return;
    const ids = [...document.querySelectorAll("#meetings input:checked")].map((b) => Number(b.value));
    try {
      await MA.api(`/api/plans/${plan.id}/meetings`, { method: "PUT", body: { meetingIds: ids } });
      await loadPlans();
      await openPlan(plan.id);
      say($("#meetings-msg"), `Đã lưu: kế hoạch có ${ids.length} hội nghị.`, "ok");
    } catch (error) {
      say($("#meetings-msg"), error.message);
    }
  });

  $("#report-plan-docx").addEventListener("click", () => MA.download(`/api/plans/${state.current}/bao-cao-cap-tren.docx`).catch(fail));
  $("#report-plan-pdf").addEventListener("click", () => MA.download(`/api/plans/${state.current}/bao-cao-cap-tren.pdf`).catch(fail));
  function yearReport(kind) {
    const year = Number($("#report-year").value);
    if (!Number.isInteger(year) || year < 2000 || year > 2100) {
      fail(new Error("Năm báo cáo phải từ 2000 đến 2100."));
      return;
    }
    MA.download(`/api/plans/years/${year}/bao-cao-cap-tren.${kind}`).catch(fail);
  }
  $("#report-year-docx").addEventListener("click", () => yearReport("docx"));
  $("#report-year-pdf").addEventListener("click", () => yearReport("pdf"));

  try {
    [state.meetings] = await Promise.all([MA.api("/api/meetings"), loadPlans()]);
    const wanted = parseInt(new URLSearchParams(location.search).get("plan") || "", 10);
    const first = state.plans.find((p) => p.id === wanted) || state.plans[0] || null;
    await openPlan(first ? first.id : null);
  } catch (error) {
    fail(error);
  }
})();
