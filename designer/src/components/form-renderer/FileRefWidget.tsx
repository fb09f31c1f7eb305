import { useState } from 'react';
import { Button, Input, Space, Typography, Upload } from 'antd';
import { DeleteOutlined, LinkOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import type { WidgetProps } from '@rjsf/utils';
import { useT } from '../../app/i18n/language.js';
import { fileReferenceText, formatFileSize, isHttpUrl, readFileFieldValue } from './file-reference.js';
import { sha256Hex } from './sha256.js';

/**
 * `ui:widget: "file-ref"`: choose a file — it stays on the device; the field records its name, size and SHA-256 — or
 * type a link to it. See file-reference.ts for the value.
 */
export function FileRefWidget(props: WidgetProps) {
  const { id, value, onChange, disabled, readonly } = props;
  const t = useT();
  const [hashing, setHashing] = useState(false);
  const [urlText, setUrlText] = useState(() => {
    const current = readFileFieldValue(value);
    return current.kind === 'url' ? current.url : '';
  });
  const current = readFileFieldValue(value);
  const locked = disabled || readonly;

  const choose = async (file: File) => {
    setHashing(true);
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      onChange(fileReferenceText({ name: file.name, size: file.size, sha256: await sha256Hex(bytes) }));
      setUrlText('');
    } finally {
      setHashing(false);
    }
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }} id={id}>
      {current.kind === 'file' ? (
        <Space wrap data-testid={`${id}-file`}>
          <PaperClipOutlined />
          <Typography.Text strong>{current.file.name}</Typography.Text>
          <Typography.Text type="secondary">{formatFileSize(current.file.size)}</Typography.Text>
          <Typography.Text type="secondary" code title={current.file.sha256}>
            SHA-256 {current.file.sha256.slice(0, 12)}…
          </Typography.Text>
          {!locked && (
            <Button size="small" type="text" danger icon={<DeleteOutlined />} onClick={() => onChange(undefined)}>
              {t('form.fileRemove')}
            </Button>
          )}
        </Space>
      ) : (
        <Upload
          disabled={locked}
          showUploadList={false}
          maxCount={1}
          // Nothing is sent anywhere: the file is read here and only its reference kept.
          beforeUpload={(file) => {
            void choose(file);
            return false;
          }}
        >
          <Button icon={<UploadOutlined />} loading={hashing} disabled={locked} data-testid={`${id}-choose`}>
            {hashing ? t('form.fileHashing') : t('form.fileChoose')}
          </Button>
        </Upload>
      )}
      {current.kind !== 'file' && (
        <Input
          prefix={<LinkOutlined />}
          placeholder={t('form.fileOrUrl')}
          value={urlText}
          disabled={locked}
          inputMode="url"
          status={urlText && !isHttpUrl(urlText) ? 'error' : undefined}
          onChange={(event) => {
            const text = event.target.value;
            setUrlText(text);
            onChange(text.trim() === '' ? undefined : text.trim());
          }}
        />
      )}
      {urlText && !isHttpUrl(urlText) && <Typography.Text type="danger">{t('form.fileInvalidUrl')}</Typography.Text>}
    </Space>
  );
}
