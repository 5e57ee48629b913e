(() => {
  // Injected by `bulletin serve` only; the built site never carries it.
  const endpoint = document.currentScript.dataset.bulletinReload;
  const here = location.pathname;
  const scrollKey = "bulletin-scroll:" + here;
  const saved = sessionStorage.getItem(scrollKey);
  if (saved !== null) {
    sessionStorage.removeItem(scrollKey);
    window.scrollTo(0, Number(saved));
  }
  const showError = (text) => {
    let overlay = document.getElementById("bulletin-error");
    if (!text) {
      if (overlay) overlay.remove();
      return;
    }
    if (!overlay) {
      overlay = document.createElement("div");
      overlay.id = "bulletin-error";
      overlay.setAttribute("role", "alert");
      overlay.style.cssText =
        "position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;z-index:2147483647;" +
        "background:#fff4f4;color:#5c0000;border-top:4px solid #b00020;padding:1em 1.5em;" +
        "font:14px/1.5 ui-monospace,Menlo,Consolas,monospace;white-space:pre-wrap;box-shadow:0 -4px 16px rgba(0,0,0,.2)";
      document.body.appendChild(overlay);
    }
    overlay.textContent = "bulletin: the site could not be rebuilt; this page shows the last good version.\n\n" + text;
  };
  const source = new EventSource(endpoint);
  // Give the connection back as the page goes: browsers keep six connections per host, and
  // event streams left open by pages already left block the seventh page for a minute.
  window.addEventListener("pagehide", () => source.close());
  window.addEventListener("pageshow", (event) => {
    if (event.persisted) location.reload();
  });
  // Marks the page as live, for tools and tests that need to know.
  source.onopen = () => {
    document.documentElement.dataset.bulletinReload = "connected";
  };
  source.onmessage = (event) => {
    const message = JSON.parse(event.data);
    showError(message.error);
    if (message.error) return;
    if (message.changed.includes(here)) {
      sessionStorage.setItem(scrollKey, String(window.scrollY));
      location.reload();
      return;
    }
    // A changed stylesheet is swapped in place: no reload, no lost scroll position.
    for (const link of document.querySelectorAll('link[rel="stylesheet"]')) {
      const path = new URL(link.href, location.href).pathname;
      if (message.changed.includes(path)) {
        link.href = path + "?v=" + Date.now();
      }
    }
  };
})();
