// Chair tablet: the petitions of the statement on the floor (or the latest one). The chair marks the outcome the
// meeting reached, or records a new petition raised from the floor; the registry's own rules decide what is allowed.
"use strict";

window.ChairPetitions = (function () {
  const { $, el, setText } = MA;
  const MARKS = [
    ["AnsweredAtMeeting", "Đã trả lời tại hội nghị"],
    ["WrittenAnswerNeeded", "Cần trả lời bằng văn bản"],
    ["ForwardedUp", "Chuyển cấp trên"],
  ];
  let meetingId = null;
  let panel = null; // the server's view of the turn's petitions
  // An earlier statement the chair chose (one answer often covers several), kept until a new statement begins.
  let pinned = null; // { turnId, latest: the newest statement when it was chosen }
  let timer = null;
  let busy = false;

  function say(text, kind) {
    const node = $("#petition-message");
    node.textContent = text;
    node.dataset.kind = kind || "ok";
  }

  /** Each snapshot may be a new turn or a change someone else made: the panel is read again, once things settle. */
  function onSnapshot(s) {
    if (s.meetingId !== meetingId) {
      meetingId = s.meetingId;
      panel = null;
      pinned = null;
      say("");
    }
    clearTimeout(timer);
    timer = setTimeout(load, 300);
  }

  async function load() {
    if (!meetingId) return;
    try {
      const query = pinned ? `?turnId=${pinned.turnId}` : "";
      const view = await MA.api(`/api/meetings/${meetingId}/turn-petitions${query}`);
      if (pinned && view && view.recent.length && view.recent[0].turnId !== pinned.latest) {
        pinned = null;
        return load();
      }
      draw(view);
    } catch (e) {
      say(e.message, "error");
    }
  }

  async function send(path, body) {
    if (busy || !panel) return;
    busy = true;
    try {
      // One key per tap: a retry after a cut is answered with what was done, never done twice.
      const result = await MA.api(`/api/meetings/${meetingId}/turn-petitions/${panel.turnId}/${path}`, {
        method: "POST",
        body: Object.assign({ key: MA.commandKey() }, body),
      });
      draw(result.panel);
      say(result.message, result.changed === false || result.created === false ? "info" : "ok");
    } catch (e) {
      say(e.message, "error");
    } finally {
      busy = false;
    }
  }

  function petitionBlock(p, origin) {
    return el(
      "div",
      { class: "c-petition-item", "data-petition": String(p.id) },
      el(
        "p",
        { class: "c-petition-title" },
        el("a", { href: `/petitions?id=${p.id}`, target: "_blank", text: `Kiến nghị số ${p.id}` }),
        ` (${origin}) `,
        el("span", { class: "tag c-petition-status", text: p.statusLabel })
      ),
      el("p", { class: "c-petition-text", text: `${p.petitioner}: ${p.content}` }),
      el(
        "div",
        { class: "c-petition-marks", role: "group", "aria-label": `Kết quả tại hội nghị cho kiến nghị số ${p.id}` },
        ...MARKS.map(([mark, label]) =>
          el("button", {
            type: "button",
            text: label,
            "data-mark": mark,
            "aria-pressed": String(p.status === mark),
            // The registry refuses steps its state machine does not allow; the button says so before a tap.
            disabled: p.status !== mark && !p.marksAllowed.includes(mark),
            title: p.status === mark ? "Đã đánh dấu" : p.marksAllowed.includes(mark) ? label : `Không chuyển được từ «${p.statusLabel}»`,
            onclick: () => send("mark", { petitionId: p.id, mark }),
          })
        )
      )
    );
  }

  function draw(view) {
    panel = view;
    const box = $("#petition-panel");
    box.hidden = !view;
    if (!view) return;
    setText("#petition-turn", `${view.current ? "Đang phát biểu" : "Lượt đã phát biểu"}: ${view.speakerName}, từ ${view.startedAt.slice(0, 8)}`);
    const pick = $("#petition-pick");
    pick.hidden = view.recent.length < 2;
    pick.replaceChildren(
      ...view.recent.map((t) => el("option", { value: String(t.turnId), text: `${t.speakerName} (${t.startedAt.slice(0, 5)})` }))
    );
    pick.value = String(view.turnId);
    const parts = [];
    if (view.referenced) parts.push(petitionBlock(view.referenced, "bàn đăng ký ghi trên phiếu"));
    if (view.recorded && (!view.referenced || view.recorded.id !== view.referenced.id)) parts.push(petitionBlock(view.recorded, "ghi tại hội nghị"));
    if (!parts.length) parts.push(el("p", { class: "muted c-petition-none", text: "Lượt này chưa gắn kiến nghị nào." }));
    $("#petition-items").replaceChildren(...parts);
    const record = $("#petition-record");
    record.hidden = !!view.recorded;
  }

  document.addEventListener("DOMContentLoaded", () => {
    $("#petition-record").addEventListener("click", () => send("record", {}));
    $("#petition-pick").addEventListener("change", (e) => {
      const turnId = Number(e.target.value);
      const latest = panel && panel.recent.length ? panel.recent[0].turnId : turnId;
      pinned = turnId === latest ? null : { turnId, latest };
      say("");
      load();
    });
  });

  return { onSnapshot };
})();
