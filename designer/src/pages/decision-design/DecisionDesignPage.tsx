/** 决策表 — grows into the full page; this first version lets the page registry compile. */
export default function DecisionDesignPage() {
  return <div data-page="decision-design">决策表</div>;
}
