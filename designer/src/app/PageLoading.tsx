import { Spin } from 'antd';
import { useT } from './i18n/language.js';

export function PageLoading() {
  const t = useT();
  return (
    <div className="gz-page-loading" role="status">
      <Spin tip={t('app.loading')} size="large">
        <div style={{ width: 120, height: 80 }} />
      </Spin>
    </div>
  );
}
