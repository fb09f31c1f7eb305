import { Component, type ReactNode } from 'react';
import { Button, Result } from 'antd';
import { useT } from './i18n/language.js';

interface State {
  error: Error | null;
}

function PageError({ error, onRetry }: { error: Error; onRetry: () => void }) {
  const t = useT();
  return (
    <Result
      status="error"
      title={t('app.pageError')}
      subTitle={error.message}
      extra={
        <Button type="primary" onClick={onRetry}>
          {t('app.retry')}
        </Button>
      }
    />
  );
}

/** One broken page (a failed chunk download, a bug) must not blank the whole app: show it and offer a retry. */
export class PageErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override render() {
    if (this.state.error) {
      // A retry after a failed lazy chunk needs a fresh load of the page's code.
      return <PageError error={this.state.error} onRetry={() => window.location.reload()} />;
    }
    return this.props.children;
  }
}
