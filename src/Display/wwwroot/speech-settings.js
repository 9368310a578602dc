"use strict";

(() => {
  const $ = id => document.getElementById(id);
  const el = MA.el;

  async function load() {
    $("error").textContent = "";
    try {
      const [status, models] = await Promise.all([MA.api("/api/speech/status"), MA.api("/api/speech/models")]);
      const banner = $("speech-status");
      banner.textContent = status.message;
      banner.className = "banner " + (status.ready ? "ok" : "warn");
      $("folder").textContent = status.modelsFolder;
      render(models);
    } catch (e) {
      $("error").textContent = e.message;
    }
  }

  function render(models) {
    const body = $("models").querySelector("tbody");
    body.replaceChildren(...models.map(m => {
      const state = el("td");
      if (m.active) state.append(el("span", { class: "tag ok", text: "Đang dùng" }));
      else if (m.valid) state.append(el("span", { class: "tag", text: "Hợp lệ" }));
      else state.append(el("span", { class: "tag bad", text: "Không dùng được" }), el("div", { class: "error", text: m.reason || "" }));
      const action = el("td");
      if (m.valid && !m.active) {
        const button = el("button", { type: "button", text: "Dùng mô hình này" });
        button.addEventListener("click", () => choose(m.fileName, button));
        action.append(button);
      }
      const kind = m.variant ? m.variant + (m.multilingual ? " (đa ngôn ngữ)" : " (chỉ tiếng Anh)") : "—";
      return el("tr", {}, [
        el("td", { text: m.fileName }),
        el("td", { text: kind }),
        el("td", { text: m.quantization || "—" }),
        el("td", { class: "num", text: m.size }),
        state,
        action,
      ]);
    }));
    $("models").classList.toggle("hidden", models.length === 0);
    $("no-models").classList.toggle("hidden", models.length > 0);
  }

  async function choose(fileName, button) {
    button.disabled = true;
    button.textContent = "Đang kiểm tra tệp…";
    try {
      await MA.api("/api/speech/active-model", { method: "PUT", body: { fileName } });
      await load();
    } catch (e) {
      $("error").textContent = e.message;
      button.disabled = false;
      button.textContent = "Dùng mô hình này";
    }
  }

  async function start() {
    const session = await MA.requireRole(["admin"]);
    $("who").textContent = session.roleLabel + ": " + session.userName;
    $("reload").addEventListener("click", load);
    await load();
  }

  start();
})();
