/** 表单设计 — grows into the full page; this first version lets the page registry compile. */
export default function FormDesignPage() {
  return <div data-page="form-design">表单设计</div>;
}
