// Keeps the incident notice form's draft in localStorage as the operator types (restored on the next visit).
(function () {
    const KEY = 'attt.incident.draft';
    const form = document.getElementById('incident-form');
    const status = document.getElementById('draft-status');
    const hasServerValues = form.dataset.serverValues === 'true';
    function save() {
      const data = {};
      for (const el of form.elements) {
        if (!el.name || el.type === 'hidden' || el.type === 'submit') continue;
        if (el.type === 'checkbox') { (data[el.name] = data[el.name] || []); if (el.checked) data[el.name].push(el.value); }
        else if (el.type === 'radio') { if (el.checked) data[el.name] = el.value; }
        else data[el.name] = el.value;
      }
      localStorage.setItem(KEY, JSON.stringify(data));
      status.textContent = 'Đã lưu bản nháp ' + new Date().toLocaleTimeString('vi-VN');
    }
    function restore() {
      const raw = localStorage.getItem(KEY);
      if (!raw || hasServerValues) return;
      const data = JSON.parse(raw);
      for (const el of form.elements) {
        if (!el.name || !(el.name in data) || el.type === 'hidden') continue;
        if (el.type === 'checkbox') el.checked = data[el.name].includes(el.value);
        else if (el.type === 'radio') el.checked = data[el.name] === el.value;
        else el.value = data[el.name];
      }
      status.textContent = 'Đã khôi phục bản nháp.';
    }
    restore();
    form.addEventListener('input', save);
    form.addEventListener('change', save);
    form.addEventListener('submit', function () { localStorage.removeItem(KEY); });
    document.getElementById('clear-draft').addEventListener('click', function () {
      localStorage.removeItem(KEY); form.reset(); status.textContent = 'Đã xóa bản nháp.';
    });
  })();
