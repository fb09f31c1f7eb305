import { useCallback, useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Card, Col, Descriptions, Result, Row, Space, Spin, Tag, Typography } from 'antd';
import { ArrowLeftOutlined, NodeIndexOutlined } from '@ant-design/icons';
import { Link, useNavigate, useParams } from 'react-router-dom';
import dayjs from 'dayjs';
import { api, ApiError, errorMessage, type FieldError } from '../../app/api.js';
import type { ProcessInstanceDetail, UserTaskDetail } from '../../app/api-types.js';
import { useAuth } from '../../app/auth.js';
import { useT } from '../../app/i18n/language.js';
import { useNow } from '../../app/use-now.js';
import { BpmnViewer, type DiagramMarks } from '../../components/BpmnViewer.js';
import { FormRenderer } from '../../components/form-renderer/FormRenderer.js';
import { StatusTag } from '../../components/StatusTag.js';
import { DueTag } from './DueTag.js';
import { claimTask, unclaimTask } from './task-assignment.js';
import { loadDraft, removeDraft, saveDraft } from './task-draft.js';
import { mayClaim, mayComplete, mayUnclaim } from './task-scope.js';

const sameData = (a: unknown, b: unknown) => JSON.stringify(a ?? {}) === JSON.stringify(b ?? {});

/** The diagram with where the case stands; the instance's detail when the role may read it, else just this task. */
function TaskDiagram({ task }: { task: UserTaskDetail }) {
  const { can } = useAuth();
  const t = useT();
  const [xml, setXml] = useState<string | null>(null);
  const [marks, setMarks] = useState<DiagramMarks>({ active: [task.elementId] });
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let alive = true;
    api
      .getText(`/v2/process-definitions/${task.processDefinitionKey}/xml`)
      .then((text) => alive && setXml(text))
      .catch((e) => alive && setError(errorMessage(e)));
    if (can('instances:read')) {
      api
        .get<ProcessInstanceDetail>(`/v2/process-instances/${task.processInstanceKey}`)
        .then(
          (detail) =>
            alive &&
            setMarks({
              completed: detail.completedElementIds,
              active: detail.activeElementIds,
              incidents: detail.incidents.map((i) => i.elementId),
              takenFlows: detail.takenSequenceFlowIds,
            }),
        )
        // The task's own element is marked already; the rest of the path is a bonus.
        .catch(() => undefined);
    }
    return () => {
      alive = false;
    };
  }, [task.processDefinitionKey, task.processInstanceKey, can]);

  if (error) return <Alert type="warning" showIcon message={t('diagram.loadFailed', { message: error })} />;
  if (!xml) return <Spin />;
  return <BpmnViewer xml={xml} marks={marks} compact />;
}

/** 办理: one task — its form with drafts kept as one types, claim and unclaim, and the process diagram. */
export default function TaskPage() {
  const { userTaskKey = '' } = useParams();
  const { user, can } = useAuth();
  const t = useT();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const now = useNow();
  const [task, setTask] = useState<UserTaskDetail | null>(null);
  const [loadError, setLoadError] = useState<ApiError | Error | null>(null);
  const [formData, setFormData] = useState<unknown>(undefined);
  const [restoredAt, setRestoredAt] = useState<number | null>(null);
  const [savedAt, setSavedAt] = useState<number | null>(null);
  const [serverErrors, setServerErrors] = useState<FieldError[]>([]);
  const [submitting, setSubmitting] = useState(false);
  const [assigning, setAssigning] = useState(false);

  const reload = useCallback(
    async (restore: boolean) => {
      try {
        const loaded = await api.get<UserTaskDetail>(`/v2/user-tasks/${userTaskKey}`);
        setTask(loaded);
        setLoadError(null);
        if (restore && user) {
          const draft = loaded.state === 'CREATED' ? loadDraft(user.username, userTaskKey) : null;
          setFormData(draft ? draft.data : loaded.variables);
          setRestoredAt(draft ? draft.savedAt : null);
        }
      } catch (e) {
        setLoadError(e as Error);
      }
    },
    [userTaskKey, user],
  );

  useEffect(() => {
    void reload(true);
  }, [reload]);

  const change = (data: unknown) => {
    setFormData(data);
    if (!user || !task || task.state !== 'CREATED') return;
    // Unchanged from what the server gave is no draft; rjsf also reports its defaults on mount.
    if (sameData(data, task.variables)) {
      removeDraft(user.username, task.userTaskKey);
      setSavedAt(null);
    } else if (saveDraft(user.username, task.userTaskKey, data, Date.now())) {
      setSavedAt(Date.now());
    }
  };

  const discardDraft = () => {
    if (!user || !task) return;
    removeDraft(user.username, task.userTaskKey);
    setFormData(task.variables);
    setRestoredAt(null);
    setSavedAt(null);
    message.info(t('tasks.draftDiscarded'));
  };

  const submit = async (data: unknown) => {
    if (!user || !task) return;
    setSubmitting(true);
    try {
      await api.post<void>(`/v2/user-tasks/${task.userTaskKey}/completion`, { variables: data ?? {} });
      removeDraft(user.username, task.userTaskKey);
      message.success(t('tasks.submitted'));
      navigate('/tasks');
    } catch (e) {
      if (e instanceof ApiError && e.status === 422) {
        setServerErrors(e.errors);
        message.error(t('tasks.invalid'));
      } else {
        // The draft stays: a dropped connection loses nothing.
        message.error(errorMessage(e));
      }
    } finally {
      setSubmitting(false);
    }
  };

  const assign = async (action: 'claim' | 'unclaim') => {
    if (!user || !task) return;
    setAssigning(true);
    try {
      if (action === 'claim') await claimTask(task, user);
      else await unclaimTask(task);
      message.success(action === 'claim' ? t('tasks.claimed') : t('tasks.unclaimed'));
      await reload(false);
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setAssigning(false);
    }
  };

  const formSchema = useMemo(() => task?.form?.schema, [task]);

  if (loadError) {
    const status = loadError instanceof ApiError && (loadError.status === 404 || loadError.status === 403) ? String(loadError.status) : 'error';
    return (
      <Result
        status={status as '404' | '403' | 'error'}
        title={loadError.message}
        extra={
          <Link to="/tasks">
            <Button type="primary">{t('tasks.backToList')}</Button>
          </Link>
        }
      />
    );
  }
  if (!task || !user) return <Spin style={{ display: 'block', padding: 60 }} />;

  const open = task.state === 'CREATED';
  const canSubmit = mayComplete(task, user);
  const assignedElsewhere = open && task.assignee && task.assignee !== user.username;

  return (
    <div data-testid="task-page" data-task-key={task.userTaskKey}>
      <div className="gz-page-header">
        <Link to="/tasks" aria-label={t('tasks.backToList')}>
          <Button type="text" icon={<ArrowLeftOutlined />} />
        </Link>
        <Typography.Title level={4} data-testid="task-title" style={{ flex: '1 1 200px', minWidth: 0 }}>
          {task.name ?? task.elementId}
        </Typography.Title>
        <Space wrap size={4}>
          <StatusTag state={task.state} />
          <DueTag task={task} now={now} />
        </Space>
        <div className="gz-page-header-extra">
          {mayClaim(task, user) && (
            <Button onClick={() => void assign('claim')} loading={assigning} data-testid="task-claim">
              {t('tasks.claim')}
            </Button>
          )}
          {mayUnclaim(task, user) && (
            <Button onClick={() => void assign('unclaim')} loading={assigning} data-testid="task-unclaim">
              {t('tasks.unclaim')}
            </Button>
          )}
          {can('instances:read') && (
            <Link to={`/instances/${task.processInstanceKey}`}>
              <Button icon={<NodeIndexOutlined />}>{t('tasks.instance')}</Button>
            </Link>
          )}
        </div>
      </div>

      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card title={task.form?.title ?? t('tasks.form')} size="small">
            {!open && (
              <Alert
                type="info"
                showIcon
                style={{ marginBottom: 12 }}
                message={task.state === 'COMPLETED' ? t('tasks.completedBanner', { time: dayjs(task.completionDate).format('YYYY-MM-DD HH:mm') }) : t('tasks.canceledBanner')}
              />
            )}
            {assignedElsewhere && <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={t('tasks.assignedTo', { name: task.assignee! })} />}
            {restoredAt !== null && open && (
              <Alert
                type="info"
                showIcon
                style={{ marginBottom: 12 }}
                data-testid="draft-restored"
                message={t('tasks.draftRestored', { time: dayjs(restoredAt).format('HH:mm:ss') })}
                action={
                  <Button size="small" onClick={discardDraft} data-testid="draft-discard">
                    {t('tasks.discardDraft')}
                  </Button>
                }
              />
            )}
            {task.formKey && !task.form && <Alert type="error" showIcon message={t('tasks.formMissing')} />}
            {formSchema ? (
              <FormRenderer
                id="task-form"
                schema={formSchema}
                uiSchema={task.form!.uiSchema}
                formData={formData}
                onChange={change}
                onSubmit={(data) => void submit(data)}
                onInvalid={() => message.error(t('tasks.invalid'))}
                serverErrors={serverErrors}
                disabled={!open || !canSubmit || submitting}
              >
                {open && (
                  <div className="gz-form-actions">
                    <Button type="primary" htmlType="submit" size="large" block loading={submitting} disabled={!canSubmit} data-testid="task-submit">
                      {t('tasks.submit')}
                    </Button>
                  </div>
                )}
                {open && savedAt !== null && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="draft-saved">
                    {t('tasks.draftSaved', { time: dayjs(savedAt).format('HH:mm:ss') })}
                  </Typography.Text>
                )}
              </FormRenderer>
            ) : (
              !task.formKey &&
              open && (
                <Space direction="vertical" style={{ width: '100%' }}>
                  <Typography.Text>{t('tasks.noForm')}</Typography.Text>
                  <Button type="primary" size="large" block loading={submitting} disabled={!canSubmit} onClick={() => void submit({})} data-testid="task-submit">
                    {t('tasks.complete')}
                  </Button>
                </Space>
              )
            )}
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Space direction="vertical" size={16} style={{ width: '100%' }}>
            <Card title={t('tasks.whereCase')} size="small">
              <TaskDiagram task={task} />
            </Card>
            <Card title={t('tasks.info')} size="small">
              <Descriptions column={1} size="small">
                <Descriptions.Item label={t('tasks.process')}>{task.processName ?? task.processDefinitionId}</Descriptions.Item>
                {task.businessKey && <Descriptions.Item label={t('tasks.caseNo')}>{task.businessKey}</Descriptions.Item>}
                <Descriptions.Item label={t('tasks.assignee')}>{task.assignee ?? t('tasks.unassigned')}</Descriptions.Item>
                {task.candidateGroups.length > 0 && (
                  <Descriptions.Item label={t('tasks.groups')}>
                    {task.candidateGroups.map((g) => (
                      <Tag key={g}>{g}</Tag>
                    ))}
                  </Descriptions.Item>
                )}
                <Descriptions.Item label={t('tasks.created')}>{dayjs(task.creationDate).format('YYYY-MM-DD HH:mm')}</Descriptions.Item>
                <Descriptions.Item label={t('tasks.due')}>{task.dueDate ? dayjs(task.dueDate).format('YYYY-MM-DD HH:mm') : t('due.none')}</Descriptions.Item>
              </Descriptions>
            </Card>
          </Space>
        </Col>
      </Row>
    </div>
  );
}
