/** 流程设计 — grows into the full page; this first version lets the page registry compile. */
export default function ProcessDesignPage() {
  return <div data-page="process-design">流程设计</div>;
}
