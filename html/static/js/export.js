// Export links: the file is fetched in the page, so the user sees that it is
// being prepared and how much has arrived, then it is saved under the name the
// server gave. Without JavaScript the links are plain downloads.
(function () {
  'use strict';
  const status = document.getElementById('export-status');
  if (!status || !window.fetch || !window.URL) return;

  function fileName(res) {
    const cd = res.headers.get('Content-Disposition') || '';
    const m = cd.match(/filename\*=UTF-8''([^;]+)/);
    try { return m ? decodeURIComponent(m[1]) : 'export'; } catch (e) { return 'export'; }
  }

  async function download(link) {
    status.textContent = status.dataset.preparing;
    link.setAttribute('aria-busy', 'true');
    try {
      const res = await fetch(link.href, { credentials: 'same-origin' });
      if (!res.ok) { window.location.href = link.href; return; } // the server's error page says why
      const total = Number(res.headers.get('Content-Length')) || 0;
      const reader = res.body.getReader();
      const chunks = [];
      let got = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value);
        got += value.length;
        if (total) status.textContent = status.dataset.preparing + ' ' + Math.floor(got * 100 / total) + '%';
      }
      const url = URL.createObjectURL(new Blob(chunks, { type: res.headers.get('Content-Type') || '' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = fileName(res);
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10000);
      status.textContent = status.dataset.ready;
    } catch (e) {
      window.location.href = link.href;
    } finally {
      link.removeAttribute('aria-busy');
    }
  }

  for (const link of document.querySelectorAll('a[data-export]')) {
    link.addEventListener('click', (e) => {
      if (e.ctrlKey || e.metaKey || e.shiftKey) return;
      e.preventDefault();
      download(link);
    });
  }
})();
