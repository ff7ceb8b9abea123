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
  document.documentElement.dataset.theme = dark ? 'dark' : 'light';
})();
