// Classification wizard: shows the questions that apply to the chosen system type (Decree 85/2016 Art 6.2).
// Without JavaScript every question stays visible and the form posts normally.
(function () {
  function update() {
    var form = document.getElementById('level-wizard');
    if (!form) return;
    var chosen = form.querySelector('input[name="systemType"]:checked');
    var type = chosen ? chosen.value : null;
    form.querySelectorAll('[data-show-for]').forEach(function (section) {
      section.hidden = section.getAttribute('data-show-for') !== type;
    });
  }
  document.addEventListener('DOMContentLoaded', update);
  document.addEventListener('change', function (event) {
    if (event.target && event.target.name === 'systemType') update();
  });
})();
