// The editor's tools around the text: the meeting's recording played from any passage with keyboard shortcuts that
// work while typing, find and replace with a preview, renaming a speaker everywhere, the glossary and each
// passage's history. Uses the TE object of transcript-editor.js.
"use strict";

(async function () {
  const { $, el, setText } = MA;
  await TE.ready;
  const player = $("#player");
  const RATES = [0.75, 1, 1.25, 1.5];
  let recordings = [];
  let file = null;
  let playing = null;

  // ---- Audio -----------------------------------------------------------------------------------

  async function loadRecordings() {
    try {
      recordings = await MA.api(`/api/meetings/${TE.meetingId}/live/recordings`);
    } catch {
      /* the next click tries again */
    }
  }

  function fileFor(ms) {
    let best = null;
    for (const r of recordings) if (r.startMs <= ms && (!best || r.startMs > best.startMs)) best = r;
    return best;
  }

  TE.play = async function (p) {
    let f = fileFor(p.data.startMs);
    if (!f) {
      await loadRecordings();
      f = fileFor(p.data.startMs);
    }
    if (!f) return TE.fail(new Error("Chưa có tệp ghi âm cho đoạn này."));
    if (file !== f) {
      file = f;
      // The file's name comes from the server's own list; the server serves it in ranges, so seeking is instant.
      player.src = `/api/meetings/${TE.meetingId}/live/recordings/${encodeURIComponent(f.file)}`;
    }
    player.currentTime = Math.max(0, (p.data.startMs - f.startMs) / 1000);
    try {
      await player.play();
    } catch {
      TE.fail(new Error("Trình duyệt không phát được tệp ghi âm này."));
    }
  };

  /** The passage under the playhead is highlighted, so the eye follows the voice. */
  function highlight() {
    if (!file) return;
    const at = file.startMs + player.currentTime * 1000;
    let hit = null;
    for (const p of TE.passages.values()) if (p.data.startMs <= at && at < p.data.endMs) hit = p;
    if (hit === playing) return;
    if (playing) playing.node.classList.remove("playing");
    playing = hit;
    if (hit) hit.node.classList.add("playing");
  }
  // The recorder writes 10-minute files: at the end of one, playing goes on with the next.
  player.addEventListener("ended", () => {
    const next = file && recordings.filter((r) => r.startMs > file.startMs).sort((a, b) => a.startMs - b.startMs)[0];
    if (!next) return;
    file = next;
    player.src = `/api/meetings/${TE.meetingId}/live/recordings/${encodeURIComponent(next.file)}`;
    player.play().catch(() => {});
  });
  player.addEventListener("timeupdate", highlight);
  player.addEventListener("seeked", highlight);

  function setRate(step) {
    const i = Math.max(0, Math.min(RATES.length - 1, RATES.indexOf(player.playbackRate) + step));
    player.playbackRate = RATES[i] || 1;
    player.defaultPlaybackRate = player.playbackRate;
    setText("#rate", "Tốc độ " + String(player.playbackRate).replace(".", ",") + "×");
  }

  function lowConfidence(direction) {
    const list = TE.ordered();
    const from = list.indexOf(TE.focused());
    const candidates = direction > 0 ? list.slice(from + 1) : list.slice(0, Math.max(0, from)).reverse();
    const next = candidates.find((p) => p.node.classList.contains("low") || p.node.classList.contains("flagged"));
    if (!next) return TE.saved("Không còn đoạn độ tin cậy thấp " + (direction > 0 ? "phía sau." : "phía trước."));
    next.text.focus();
    next.node.scrollIntoView({ block: "center" });
    TE.play(next);
  }

  // Ctrl+ shortcuts, so the secretary's hands stay on the keyboard while typing in a passage.
  document.addEventListener(
    "keydown",
    (e) => {
      if (!e.ctrlKey || e.altKey || e.metaKey) return;
      const focused = TE.focused();
      const actions = {
        Space: () => {
          if (!player.paused) return player.pause();
          const at = file ? file.startMs + player.currentTime * 1000 : null;
          if (focused && (at === null || at < focused.data.startMs || at >= focused.data.endMs)) return TE.play(focused);
          if (player.src) return player.play();
        },
        ArrowLeft: () => (player.currentTime = Math.max(0, player.currentTime - 5)),
        ArrowRight: () => (player.currentTime = player.currentTime + 5),
        Comma: () => setRate(-1),
        Period: () => setRate(1),
        ArrowDown: () => lowConfidence(1),
        ArrowUp: () => lowConfidence(-1),
        Enter: () => focused && TE.split(focused),
      };
      const action = actions[e.code];
      if (!action) return;
      e.preventDefault();
      action();
    },
    true
  );

  // ---- Find and replace ------------------------------------------------------------------------

  let lastTerm = "";
  async function saveAll() {
    for (const p of TE.passages.values()) if (p.dirty && !p.conflicted) await TE.save(p);
  }

  $("#find-form").addEventListener("submit", async (e) => {
    e.preventDefault();
    try {
      await saveAll();
      lastTerm = $("#find").value;
      const hits = await MA.api(`${TE.base}/find?term=${encodeURIComponent(lastTerm)}`);
      $("#hits").replaceChildren(
        ...hits.map((h) => {
          const p = TE.passages.get(h.passageId);
          const box = el("input", { type: "checkbox", checked: true, value: String(h.passageId), "aria-label": "Thay ở đoạn này" });
          return el("li", { class: "te-hit" }, el("label", {}, box, el("span", { class: "muted", text: p ? TE.clock(p.data.startMs) + " " : "" }),
            "…" + h.before, el("mark", { text: h.match }), h.after + "…"));
        })
      );
      if (!hits.length) $("#hits").append(el("li", { class: "muted", text: "Không tìm thấy chỗ nào." }));
      $("#replace-apply").disabled = !hits.length;
    } catch (err) {
      TE.fail(err);
    }
  });

  $("#replace-apply").addEventListener("click", async () => {
    const ids = [...new Set([...$("#hits").querySelectorAll("input:checked")].map((b) => Number(b.value)))];
    if (!ids.length) return TE.fail(new Error("Hãy chọn ít nhất một chỗ để thay."));
    const replacement = $("#replace").value;
    if (!(await MA.confirm(`Thay “${lastTerm}” bằng “${replacement}” ở ${ids.length} đoạn? Mỗi thay đổi được ghi vào lịch sử.`, "Thay thế"))) return;
    try {
      await saveAll();
      const result = await MA.api(`${TE.base}/replace`, { method: "POST", body: { term: lastTerm, replacement, passageIds: ids } });
      MA.alert(TE.alertBox, `Đã thay ở ${result.changed} đoạn.`, "ok");
      $("#hits").replaceChildren();
      $("#replace-apply").disabled = true;
      await TE.load();
    } catch (err) {
      TE.fail(err);
    }
  });

  // ---- Speakers and glossary -------------------------------------------------------------------

  TE.onView.push((view) => {
    const select = $("#rename-from");
    const chosen = select.value;
    select.replaceChildren(...view.speakers.map((name) => el("option", { value: name, text: name })));
    if (view.speakers.includes(chosen)) select.value = chosen;
  });
  TE.onView.forEach((f) => TE.view && f(TE.view));

  $("#rename-form").addEventListener("submit", async (e) => {
    e.preventDefault();
    const from = $("#rename-from").value;
    const to = $("#rename-to").value;
    try {
      await MA.api(`${TE.base}/rename-speaker`, { method: "POST", body: { from, to } });
      MA.alert(TE.alertBox, `Đã đổi tên “${from}” thành “${to.trim()}” ở mọi nơi.`, "ok");
      $("#rename-to").value = "";
      await TE.load();
    } catch (err) {
      TE.fail(err);
    }
  });

  MA.api(`${TE.base}/glossary`)
    .then((terms) => $("#glossary").replaceChildren(...terms.map((t) => el("option", { value: t }))))
    .catch(() => {});

  // ---- History ---------------------------------------------------------------------------------

  const OPERATIONS = {
    Edit: "Sửa",
    Split: "Tách đoạn",
    Merge: "Gộp đoạn",
    Move: "Chuyển lượt",
    Mark: "Phân loại",
    Replace: "Tìm và thay",
    RenameSpeaker: "Đổi tên người nói",
    AcceptMachine: "Nhận văn bản máy",
    Restore: "Khôi phục",
  };

  function historyDialog() {
    let dialog = $("#history");
    if (dialog) return dialog;
    dialog = el("dialog", { id: "history", class: "te-history", "aria-labelledby": "history-title" },
      el("h2", { id: "history-title", text: "Lịch sử đoạn" }),
      el("ol", { class: "list te-revisions" }),
      el("form", { method: "dialog", class: "actions" }, el("button", { type: "submit", text: "Đóng" })));
    document.body.append(dialog);
    return dialog;
  }

  TE.history = async function (p) {
    try {
      const revisions = await MA.api(`${TE.base}/passages/${p.data.id}/history`);
      const dialog = historyDialog();
      const when = (iso) => {
        const ms = Date.parse(iso);
        const d = new Date(ms + 7 * 3600 * 1000);
        return `${TE.clock(ms)} ${d.getUTCDate()}/${d.getUTCMonth() + 1}`;
      };
      $(".te-revisions", dialog).replaceChildren(
        ...revisions.map((r) =>
          el("li", { class: "te-revision" },
            el("p", { class: "muted", text: `${when(r.atUtc)} · ${r.by || "máy"} · ${OPERATIONS[r.operation] || r.operation}` }),
            r.beforeText !== null ? el("p", { class: "te-before", text: r.beforeText }) : null,
            r.afterText !== null ? el("p", { class: "te-after", text: r.afterText }) : null,
            r.beforeText
              ? el("button", { type: "button", text: "Khôi phục bản trước thay đổi này", onclick: async () => {
                  dialog.close();
                  await TE.act(TE.passages.get(p.data.id) || p, "restore", "POST", { revisionId: r.id });
                } })
              : null)
        )
      );
      if (!revisions.length) $(".te-revisions", dialog).append(el("li", { class: "muted", text: "Đoạn này chưa được sửa; đây là văn bản máy nhận dạng." }));
      dialog.showModal();
    } catch (e) {
      TE.fail(e);
    }
  };

  await loadRecordings();
  setInterval(loadRecordings, 30000);
})();
