// The biên bản page: the secretary fills the texts the floor log cannot give, chooses verbatim or summary per turn,
// sees what is still missing, approves, and downloads DOCX/PDF. The server decides everything; the page only draws.
"use strict";

(async function () {
  const { $, el, setText } = MA;
  const { session, alertBox, meetingId } = await MA.startStaffPage(["secretary", "admin", "chair"], { picker: true, resolveMeeting: true });
  if (!meetingId) return;
  const root = `/api/meetings/${meetingId}/minutes`;
  const canWrite = session.role === "secretary" || session.role === "admin";
  const MODES = [
    ["Verbatim", "Nguyên văn"],
    ["Summary", "Tóm tắt"],
    ["HeaderOnly", "Chỉ ghi dòng tiêu đề"],
  ];
  let view = null;

  function attendanceRow(group, count) {
    const row = el(
      "div",
      { class: "mn-group" },
      el("input", { type: "text", "aria-label": "Nhóm người tham dự", maxlength: "100", value: group || "", "data-group": true }),
      el("input", { type: "number", "aria-label": "Số người", min: "0", max: "1000000", value: count === undefined ? "" : String(count), "data-count": true }),
      el("button", { type: "button", class: "ghost", text: "Bỏ", onclick: () => row.remove() })
    );
    return row;
  }

  function drawTexts(t, labels) {
    const form = $("#texts");
    $("#t-number").value = t.number || view.defaultNumber;
    $("#t-agency-above").value = t.agencyAbove || "";
    $("#t-place").value = t.placeName || view.defaultPlaceName;
    $("#t-delegates").value = t.delegates || "";
    $("#t-opening").value = t.opening || "";
    $("#t-intro").value = t.introduction || "";
    $("#t-report").value = t.petitionReport || "";
    $("#t-no-report").checked = !!t.noPetitionReport;
    $("#t-recipients").value = t.recipients || view.defaultRecipients;
    const groups = t.attendance && t.attendance.length ? t.attendance : [{ group: "Nhân dân" }, { group: "Đại biểu" }];
    $("#attendance").replaceChildren(...groups.map((g) => attendanceRow(g.group, g.count)));
    const conclusions = t.conclusions || [];
    $("#conclusions").replaceChildren(
      ...labels.map((label, i) => {
        const id = `t-conclusion-${i}`;
        const text = el("textarea", { id, rows: "3", "data-conclusion": String(i) });
        text.value = conclusions[i] || "";
        return el("div", {}, el("label", { for: id, text: label }), text);
      })
    );
    for (const input of form.querySelectorAll("input, textarea, button")) input.disabled = view.locked || !canWrite;
  }

  function readTexts() {
    const number = (v) => (v === "" ? 0 : Number(v));
    return {
      number: $("#t-number").value,
      agencyAbove: $("#t-agency-above").value,
      placeName: $("#t-place").value,
      delegates: $("#t-delegates").value,
      opening: $("#t-opening").value,
      introduction: $("#t-intro").value,
      petitionReport: $("#t-report").value,
      noPetitionReport: $("#t-no-report").checked,
      recipients: $("#t-recipients").value,
      attendance: [...document.querySelectorAll(".mn-group")]
        .map((row) => ({ group: MA.$("[data-group]", row).value.trim(), count: number(MA.$("[data-count]", row).value) }))
        .filter((g) => g.group || g.count),
      conclusions: [...document.querySelectorAll("[data-conclusion]")].map((t) => t.value),
    };
  }

  function drawTurn(turn, problemTurns) {
    const name = `mode-${turn.turnId}`;
    const summary = el("textarea", { rows: "3", "aria-label": "Tóm tắt", hidden: turn.mode !== "Summary" });
    summary.value = turn.summary || "";
    const status = el("span", { class: "muted", role: "status" });
    const save = async () => {
      const mode = MA.$(`input[name="${name}"]:checked`, item).value;
      try {
        await MA.api(`${root}/turns/${turn.turnId}`, { method: "PUT", body: { mode, summary: summary.value } });
        setText(status, "Đã lưu.");
        await load();
      } catch (e) {
        MA.alert(alertBox, e.message);
      }
    };
    const modes = el(
      "fieldset",
      { class: "mn-modes" },
      el("legend", { class: "visually-hidden", text: "Cách ghi lượt này" }),
      ...MODES.map(([value, label]) =>
        el("label", {}, el("input", {
          type: "radio", name, value, checked: turn.mode === value, disabled: view.locked || !canWrite,
          onchange: () => {
            summary.hidden = value !== "Summary";
            if (value !== "Summary") save();
          },
        }), label)
      )
    );
    const item = el(
      "li",
      { class: "mn-turn", "data-turn": String(turn.turnId), "data-problem": problemTurns.has(turn.turnId) ? "true" : "false" },
      el("p", { class: "mn-turn-head" },
        el("span", { class: "mn-turn-time", text: turn.end ? `${turn.start}–${turn.end}` : turn.start }),
        el("span", { text: `${turn.kindLabel}: ${turn.header}` })),
      modes,
      turn.verbatim
        ? el("blockquote", { class: "mn-verbatim", text: turn.verbatim })
        : el("p", { class: "muted", text: "Chưa có bản ghi đã sửa cho lượt này." }),
      summary,
      el("div", { class: "mn-row" },
        el("button", { type: "button", text: "Lưu lượt này", disabled: view.locked || !canWrite, onclick: save }), status)
    );
    summary.disabled = view.locked || !canWrite;
    return item;
  }

  function draw() {
    setText("#meeting-title", view.meetingTitle);
    const latest = view.versions[view.versions.length - 1];
    const state = $("#state");
    state.dataset.kind = view.locked ? "locked" : "draft";
    setText(state, view.locked
      ? `Đã duyệt (${latest.label.toLowerCase()}, ${latest.approvedAt}, ${latest.approvedBy}). Biên bản chỉ đọc; muốn sửa hãy tạo bản sửa đổi.`
      : view.versions.length ? "Đang soạn bản sửa đổi. Các bản đã duyệt vẫn được giữ nguyên bên dưới." : "Dự thảo.");
    $("#hash").hidden = !view.locked;
    if (view.locked) setText("#hash-value", latest.sha256);
    $("#pdf-note").hidden = view.pdfAvailable;
    if (!view.pdfAvailable) setText("#pdf-note", view.pdfMessage);
    $("#pdf-button").disabled = !view.pdfAvailable;

    $("#problems").replaceChildren(...view.problems.map((p) => el("li", { text: p.message })));
    $("#no-problems").hidden = view.problems.length > 0 || view.locked;
    $("#approve").hidden = view.locked || !canWrite;
    $("#approve").disabled = view.problems.length > 0;
    $("#amend").hidden = !view.locked || !canWrite;

    drawTexts(view.texts, view.conclusionLabels);
    const problemTurns = new Set(view.problems.filter((p) => p.turnId).map((p) => p.turnId));
    $("#turns").replaceChildren(...view.turns.map((t) => drawTurn(t, problemTurns)));
    $("#no-turns").hidden = view.turns.length > 0;

    $("#versions").replaceChildren(
      ...view.versions.map((v) => el("li", {},
        el("strong", { text: `${v.label} – ${v.approvedAt} – ${v.approvedBy}` }),
        el("div", {}, "SHA-256: ", el("code", { text: v.sha256 })),
        el("div", { class: "mn-row" },
          el("button", { type: "button", class: "ghost", text: "Tải DOCX", onclick: () => download(v.docxUrl) }),
          el("button", { type: "button", class: "ghost", text: "Tải PDF", disabled: !view.pdfAvailable, onclick: () => download(v.pdfUrl) }))))
    );
    $("#no-versions").hidden = view.versions.length > 0;
  }

  async function load() {
    try {
      view = await MA.api(root + "/");
      draw();
    } catch (e) {
      MA.alert(alertBox, e.message);
    }
  }

  /** A refusal (PDF without LibreOffice) shows as a Vietnamese message instead of a broken download. */
  async function download(url) {
    try {
      await MA.download(url, "bien-ban");
    } catch (e) {
      MA.alert(alertBox, e.message);
    }
  }

  for (const button of document.querySelectorAll("[data-download]")) {
    button.addEventListener("click", () => download(`${root}/${button.dataset.download}`));
  }
  $("#add-group").addEventListener("click", () => $("#attendance").append(attendanceRow("", undefined)));
  $("#texts").addEventListener("submit", async (event) => {
    event.preventDefault();
    try {
      await MA.api(root + "/", { method: "PUT", body: readTexts() });
      MA.showErrors($("#texts"), null);
      setText("#texts-msg", "Đã lưu.");
      await load();
    } catch (e) {
      if (!MA.showErrors($("#texts"), e)) MA.alert(alertBox, e.message);
    }
  });
  $("#approve").addEventListener("click", async () => {
    if (!(await MA.confirm("Duyệt biên bản? Sau khi duyệt, biên bản chỉ đọc; muốn sửa phải tạo bản sửa đổi.", "Duyệt"))) return;
    try {
      const version = await MA.api(root + "/approve", { method: "POST" });
      MA.alert(alertBox, `Đã duyệt. SHA-256: ${version.sha256}`, "ok");
    } catch (e) {
      MA.alert(alertBox, e.message);
    }
    await load();
  });
  $("#amend").addEventListener("click", async () => {
    if (!(await MA.confirm("Tạo bản sửa đổi? Bản đã duyệt vẫn được giữ nguyên và tải được.", "Tạo bản sửa đổi"))) return;
    try {
      await MA.api(root + "/amend", { method: "POST" });
    } catch (e) {
      MA.alert(alertBox, e.message);
    }
    await load();
  });

  await load();
})();
