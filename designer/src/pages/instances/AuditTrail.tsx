import { useEffect, useState } from 'react';
import { Alert, Empty, Spin, Timeline, Typography } from 'antd';
import dayjs from 'dayjs';
import { api, errorMessage } from '../../app/api.js';
import type { AuditRecord } from '../../app/api-types.js';
import { useT } from '../../app/i18n/language.js';
import { JsonView } from '../../components/JsonView.js';
import type { MessageKey } from '../../app/i18n/zh.js';
import { zh } from '../../app/i18n/zh.js';

/** Who did what to the instance, oldest first (GET /v2/audit?processInstanceKey=…). */
export function AuditTrail({ processInstanceKey, generation }: { processInstanceKey: string; generation: number }) {
  const t = useT();
  const [items, setItems] = useState<AuditRecord[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let alive = true;
    api
      .get<{ items: AuditRecord[] }>(`/v2/audit?processInstanceKey=${encodeURIComponent(processInstanceKey)}&limit=500`)
      .then((result) => alive && (setItems(result.items), setError(null)))
      .catch((e) => alive && setError(errorMessage(e)));
    return () => {
      alive = false;
    };
  }, [processInstanceKey, generation]);

  if (error) return <Alert type="error" showIcon message={t('common.loadFailed', { message: error })} />;
  if (!items) return <Spin />;
  if (items.length === 0) return <Empty description={t('instances.noAudit')} image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  return (
    <Timeline
      data-testid="audit-trail"
      items={items.map((record) => ({
        key: record.seq,
        children: (
          <div>
            <div>
              <Typography.Text strong>{`audit.${record.action}` in zh ? t(`audit.${record.action}` as MessageKey) : record.action}</Typography.Text>
              <Typography.Text type="secondary" code style={{ marginLeft: 6, fontSize: 12 }}>
                {record.action}
              </Typography.Text>
              <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
                {record.actor.name} · {dayjs(record.at).format('YYYY-MM-DD HH:mm:ss')}
              </Typography.Text>
            </div>
            {record.userTaskKey && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                #{record.userTaskKey}
              </Typography.Text>
            )}
            {Object.keys(record.details ?? {}).length > 0 && <JsonView value={record.details} />}
          </div>
        ),
      }))}
    />
  );
}
