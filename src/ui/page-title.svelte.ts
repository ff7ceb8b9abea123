/** Keeps the browser tab's title in step with the page, for tabs, history and screen readers. */
export function pageTitle(title: () => string | undefined) {
  $effect(() => {
    const t = title();
    document.title = t ? `${t} · Streamlab` : 'Streamlab';
  });
}
