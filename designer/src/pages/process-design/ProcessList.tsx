import { Button, Empty, List, Space, Tag, Tooltip, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import type { ProcessVersions } from './process-definitions.js';

interface Props {
  processes: ProcessVersions[];
  loading: boolean;
  /** The definition key open in the modeler, to mark it. */
  openKey: string | null;
  t: (key: 'processes' | 'noProcesses' | 'refresh' | 'latest' | 'version', params?: Record<string, string | number>) => string;
  onOpen(processDefinitionKey: string): void;
  onRefresh(): void;
}

/** The deployed processes and their versions; a click opens one in the modeler. */
export function ProcessList({ processes, loading, openKey, t, onOpen, onRefresh }: Props) {
  return (
    <div className="gz-process-list" data-testid="process-list">
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 8 }}>
        <Typography.Text strong>{t('processes')}</Typography.Text>
        <Tooltip title={t('refresh')}>
          <Button size="small" type="text" icon={<ReloadOutlined />} onClick={onRefresh} aria-label={t('refresh')} />
        </Tooltip>
      </Space>
      <List
        loading={loading}
        dataSource={processes}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('noProcesses')} /> }}
        renderItem={(process) => (
          <List.Item key={process.processDefinitionId} style={{ display: 'block', padding: '8px 0' }} data-process-id={process.processDefinitionId}>
            <Typography.Text ellipsis style={{ display: 'block' }} title={process.processDefinitionId}>
              {process.name ?? process.processDefinitionId}
            </Typography.Text>
            {process.name && (
              <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }} ellipsis>
                {process.processDefinitionId}
              </Typography.Text>
            )}
            <Space size={[4, 4]} wrap style={{ marginTop: 4 }}>
              {process.versions.map((definition, index) => (
                <Tag.CheckableTag
                  key={definition.processDefinitionKey}
                  checked={definition.processDefinitionKey === openKey}
                  onChange={() => onOpen(definition.processDefinitionKey)}
                  data-testid={`process-version-${process.processDefinitionId}-${definition.version}`}
                >
                  {t('version', { version: definition.version })}
                  {index === 0 ? ` · ${t('latest')}` : ''}
                </Tag.CheckableTag>
              ))}
            </Space>
          </List.Item>
        )}
      />
    </div>
  );
}
