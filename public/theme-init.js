// Runs before the app: applies the saved theme choice (or the OS's) so the first paint is right.
(function () {
  var choice = null;
  try {
    choice = localStorage.getItem('streamlab:theme');
  } catch {
    /* storage may be blocked; follow the OS */
  }
  var dark =
    choice === 'dark' ||
    (choice !== 'light' && window.matchMedia('(prefers-color-scheme: dark)').matches);
  var root = document.documentElement;
  root.dataset.theme = dark ? 'dark' : 'light';

  // The title bar (theme-color, the header's background) follows the theme shown, also when the
  // learner switches it later, not only the system's preference the meta tags' media name.
  var headerColours = { light: '#f5f6f8', dark: '#1b1f26' };
  function paintTitleBar() {
    var colour = headerColours[root.dataset.theme] || headerColours.light;
    document.querySelectorAll('meta[name="theme-color"]').forEach(function (meta) {
      meta.setAttribute('content', colour);
    });
  }
  paintTitleBar();
  new MutationObserver(paintTitleBar).observe(root, { attributeFilter: ['data-theme'] });
})();
