// An uploaded recording's text into the transcript: placed on the floor log by the recording's start time (the
// file's own, or the one the secretary enters), previewed per turn with a word diff, accepted per turn or all.
// Uses the TE object of transcript-editor.js.
"use strict";

(async function () {
  const { $, el, setText } = MA;
  await TE.ready;
  const SOURCES = {
    entered: "Giờ bắt đầu do thư ký nhập.",
    file: "Giờ bắt đầu lấy từ thông tin trong tệp; sửa lại nếu đồng hồ máy ghi lệch.",
    meeting: "Tệp không ghi giờ bắt đầu: tạm lấy giờ của lượt phát biểu đầu tiên; hãy sửa cho đúng.",
    pass: "Nhận dạng lại từ ghi âm của chính hội nghị: giờ bắt đầu đã biết chính xác.",
  };
  let preview = null;

  /**
   * The start as people in the hall write it, "dd/mm/yyyy hh:mm:ss" in Vietnam time (UTC+7), whatever the laptop's
   * zone and language (a browser's date widget follows its language: mm/dd and AM/PM in an English one); and back.
   */
  const pad = (n) => String(n).padStart(2, "0");
  const VIETNAM_MS = 7 * 3600 * 1000;
  const toField = (ms) => {
    const d = new Date(ms + VIETNAM_MS);
    return `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${d.getUTCFullYear()} ` +
      `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  };
  const fromField = (value) => {
    const m = /^\s*(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})\s+(\d{1,2})\s*[:hg.]\s*(\d{2})(?:\s*[:.]\s*(\d{2}))?\s*$/i.exec(value || "");
    if (!m) return null;
    const [day, month, year, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[6] || "0"].map(Number);
    if (hour > 23 || minute > 59 || second > 59) return null;
    const asUtc = Date.UTC(year, month - 1, day, hour, minute, second);
    const check = new Date(asUtc);
    if (check.getUTCDate() !== day || check.getUTCMonth() !== month - 1) return null; // no 31/02
    return asUtc - VIETNAM_MS;
  };

  /** Beside the field, the instant as read (or that it cannot be read), before the secretary asks for a preview. */
  function showStart() {
    const typed = $("#offer-start").value.trim();
    if (!typed) return setText("#offer-start-shown", "");
    const ms = fromField(typed);
    setText("#offer-start-shown", ms === null ? "Chưa đúng dạng ngày/tháng/năm giờ:phút:giây." : `${toField(ms)} (giờ Việt Nam)`);
  }
  $("#offer-start").addEventListener("input", showStart);

  async function loadRecordings() {
    const list = await MA.api(`/api/meetings/${TE.meetingId}/recordings`);
    const done = list.filter((r) => r.state === "Done" && r.segments > 0);
    $("#offer-recording").replaceChildren(...done.map((r) => el("option", { value: String(r.id), text: `${r.fileName} (${r.segments} đoạn)` })));
    if (!done.length) $("#offer-recording").append(el("option", { value: "", text: "Chưa có tệp nào nhận dạng xong" }));
  }

  function turnName(turnId) {
    const t = turnId === null ? null : TE.turns.get(turnId);
    return t ? `${TE.clock(t.startedAtMs)} ${t.speakerName} – ${t.kindLabel}` : "Chưa gán (không ai giữ lượt)";
  }

  function show(result) {
    preview = result;
    $("#offer-start").value = toField(result.startMs);
    showStart();
    setText("#offer-source", SOURCES[result.startSource] || "");
    const items = result.turns
      .filter((t) => t.offeredSegments > 0)
      .map((t) =>
        el("li", { class: "te-offer-turn" },
          el("label", {}, el("input", { type: "checkbox", checked: true, value: t.turnId === null ? "none" : String(t.turnId) }),
            el("strong", { text: turnName(t.turnId) }), el("span", { class: "muted", text: ` ${t.offeredSegments} đoạn` })),
          el("p", {}, t.diff.flatMap((d) => [el("span", { class: "te-diff-" + d.kind, text: d.text }), " "])),
          t.editedPassages ? el("p", { class: "muted", text: `${t.editedPassages} đoạn do người sửa được giữ nguyên; văn bản máy chỉ được đề xuất bên cạnh.` }) : null)
      );
    $("#offer-turns").replaceChildren(...items);
    if (!items.length) $("#offer-turns").append(el("li", { class: "muted", text: "Với giờ bắt đầu này, tệp không có đoạn nào." }));
    $("#offer-accept").disabled = !items.length;
  }

  $("#offers-form").addEventListener("submit", async (e) => {
    e.preventDefault();
    const id = $("#offer-recording").value;
    if (!id) return TE.fail(new Error("Chưa có tệp ghi âm nào nhận dạng xong cho hội nghị này."));
    const typed = $("#offer-start").value.trim();
    const startMs = typed && preview && preview.recordingId === Number(id) ? fromField(typed) : null;
    if (typed && startMs === null) return TE.fail(new Error("Giờ bắt đầu chưa đúng dạng ngày/tháng/năm giờ:phút:giây, ví dụ 31/12/2026 08:05:00."));
    try {
      show(await MA.api(`${TE.base}/recordings/${id}/offers` + (startMs === null ? "" : `?startMs=${startMs}`)));
    } catch (err) {
      TE.fail(err);
    }
  });

  $("#offer-accept").addEventListener("click", async () => {
    if (!preview) return;
    const turnIds = [...$("#offer-turns").querySelectorAll("input:checked")].map((b) => (b.value === "none" ? null : Number(b.value)));
    if (!turnIds.length) return TE.fail(new Error("Hãy chọn ít nhất một lượt."));
    try {
      const result = await MA.api(`${TE.base}/recordings/${preview.recordingId}/accept`, { method: "POST", body: { startMs: preview.startMs, turnIds } });
      MA.alert(TE.alertBox, `Đã nhận văn bản của ${turnIds.length} lượt (${result.changed} thay đổi, đều ghi vào lịch sử).`, "ok");
      $("#offer-turns").replaceChildren();
      $("#offer-accept").disabled = true;
      await TE.load();
    } catch (err) {
      TE.fail(err);
    }
  });

  $("#offers-box").addEventListener("toggle", () => $("#offers-box").open && loadRecordings().catch(TE.fail));
})();
