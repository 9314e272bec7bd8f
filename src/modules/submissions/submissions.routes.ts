import { createRoute, z } from '@hono/zod-openapi';
import {
  IdParam,
  IF_MATCH_PARAMETER,
  jsonBody,
  jsonContent,
  problems,
  READ_ERRORS,
  SESSION,
  WRITE_ERRORS,
} from '../../http/openapi.ts';
import { createRouter } from '../../http/router.ts';
import { asPreview, jsonResponse } from '../../http/security-headers.ts';
import { requireActor } from '../../http/session.ts';
import { parseIfMatch } from '../../lib/if-match.ts';
import * as autosave from './autosave.service.ts';
import * as files from './evidence-files.service.ts';
import * as lifecycle from './lifecycle.service.ts';
import * as receipts from './receipt.service.ts';
import * as submissionList from './submission-list.service.ts';
import * as view from './submission-view.service.ts';
import {
  CarryForwardResultSchema,
  ConfirmCarriedResultSchema,
  ConfirmCarriedSchema,
  FileInfoSchema,
  HistoryEntrySchema,
  ReceiptSchema,
  SaveAnswersResultSchema,
  SaveAnswersSchema,
  SubmissionListQuerySchema,
  SubmissionListSchema,
  SubmissionSchema,
  SubmitSchema,
} from './submissions.schemas.ts';

const tags = ['submissions'];
const Pid = z.object({ pid: IdParam('pid') });
const Sid = z.object({ sid: IdParam('sid') });
const Envelope = z.object({ submission: SubmissionSchema });
const WRITE = problems(...WRITE_ERRORS);
/** Actions whose whole input is the path: no body is parsed, so no 400 or 415. */
const ACTION = problems(401, 403, 404, 409, 413, 422);
const reason = z.string().trim().min(3).max(2000);

const mineRoute = createRoute({
  method: 'get',
  path: '/periods/{pid}/submissions/mine',
  operationId: 'getMySubmission',
  tags,
  security: SESSION,
  summary: 'The operator’s submission for the period; during the SAQ stage the first call creates it',
  request: { params: Pid, query: z.object({ bodyId: z.string().max(100).optional() }) },
  responses: { 200: jsonContent(Envelope, 'The submission'), ...problems(...READ_ERRORS) },
});

const listRoute = createRoute({
  method: 'get',
  path: '/periods/{pid}/submissions',
  operationId: 'listSubmissions',
  tags,
  security: SESSION,
  summary:
    'The period’s submissions with progress and the latest reopening or extension (commission staff): search by body ' +
    'name (`q`), filter by status and category, sort, page (`limit`, `offset`; none: every row); `total` counts the ' +
    'matches. `notStarted`: the bodies that have not opened the SAQ, with their PPID contact (not for evaluators)',
  request: { params: Pid, query: SubmissionListQuerySchema },
  responses: {
    200: jsonContent(SubmissionListSchema, 'Submissions, and the bodies that have not started'),
    ...problems(...READ_ERRORS),
  },
});

const getRoute = createRoute({
  method: 'get',
  path: '/submissions/{sid}',
  operationId: 'getSubmission',
  tags,
  security: SESSION,
  summary: 'One submission: answers, evidence, scores; verification for those allowed to see it',
  request: { params: Sid },
  responses: { 200: jsonContent(Envelope, 'The submission'), ...problems(...READ_ERRORS) },
});

const saveRoute = createRoute({
  method: 'patch',
  path: '/submissions/{sid}/answers',
  operationId: 'saveAnswers',
  tags,
  security: SESSION,
  summary:
    'Autosave answers. If-Match (required, 428 without) is the version last seen; a question of the request changed since is a 409 with `current`, other changes merge',
  parameters: [IF_MATCH_PARAMETER],
  request: { params: Sid, body: jsonBody(SaveAnswersSchema) },
  responses: {
    200: jsonContent(SaveAnswersResultSchema, 'Saved'),
    ...problems(400, 401, 403, 404, 409, 413, 415, 422, 428),
  },
});

const submitRoute = createRoute({
  method: 'post',
  path: '/submissions/{sid}/submit',
  operationId: 'submitSubmission',
  tags,
  security: SESSION,
  summary:
    'Submit the SAQ: 422 with `missing` when incomplete; 409 `CARRIED_UNCONFIRMED` with `carried` (question codes) ' +
    'while answers copied from last year are unconfirmed, unless the body is `{confirmCarried: true}`, which confirms ' +
    'them in the submit; a submitted SAQ is locked and its receipt mailed to the body',
  // the body is optional: a submit with nothing to confirm may send none
  request: { params: Sid, body: { required: false, content: { 'application/json': { schema: SubmitSchema } } } },
  responses: { 200: jsonContent(Envelope, 'Submitted'), ...ACTION, ...problems(400, 415) },
});

const confirmCarriedRoute = createRoute({
  method: 'post',
  path: '/submissions/{sid}/carried/confirm',
  operationId: 'confirmCarriedAnswers',
  tags,
  security: SESSION,
  summary:
    'Confirm answers copied from last year as the body’s own, values unchanged (their `carried` flag cleared). ' +
    'If-Match (required) is the version last seen: a named answer changed since is a 409 with `current`; codes not ' +
    'carried are skipped',
  parameters: [IF_MATCH_PARAMETER],
  request: { params: Sid, body: jsonBody(ConfirmCarriedSchema) },
  responses: {
    200: jsonContent(ConfirmCarriedResultSchema, 'The codes confirmed, and the submission'),
    ...problems(...WRITE_ERRORS, 428),
  },
});

const receiptRoute = createRoute({
  method: 'get',
  path: '/submissions/{sid}/receipt',
  operationId: 'getSubmissionReceipt',
  tags,
  security: SESSION,
  summary:
    'The receipt of a submitted SAQ: body, period, time, counts and the SHA-256 fingerprint of the canonical ' +
    'serialisation of the submitted answers and evidence (src/domain/receipt.ts); 409 before it is submitted',
  request: { params: Sid },
  responses: { 200: jsonContent(ReceiptSchema, 'The receipt'), ...problems(...READ_ERRORS, 409) },
});

const reopenRoute = createRoute({
  method: 'post',
  path: '/submissions/{sid}/reopen',
  operationId: 'reopenSubmission',
  tags,
  security: SESSION,
  summary: 'Reopen a submitted SAQ (commission admin, with a reason)',
  request: { params: Sid, body: jsonBody(z.object({ reason })) },
  responses: { 200: jsonContent(Envelope, 'Reopened'), ...WRITE },
});

const extensionRoute = createRoute({
  method: 'post',
  path: '/submissions/{sid}/extension',
  operationId: 'extendDeadline',
  tags,
  security: SESSION,
  summary: 'Extend one body’s deadline (commission admin, with a reason)',
  request: { params: Sid, body: jsonBody(z.object({ until: z.iso.datetime({ offset: true }), reason })) },
  responses: { 200: jsonContent(Envelope, 'Extended'), ...WRITE },
});

const carryRoute = createRoute({
  method: 'post',
  path: '/submissions/{sid}/carry-forward',
  operationId: 'carryForward',
  tags,
  security: SESSION,
  summary: 'Copy answers and evidence of the same question codes from the body’s previous period (flagged carried)',
  request: { params: Sid },
  responses: {
    200: jsonContent(CarryForwardResultSchema, 'Carried'),
    ...ACTION,
  },
});

const historyRoute = createRoute({
  method: 'get',
  path: '/submissions/{sid}/history',
  operationId: 'getSubmissionHistory',
  tags,
  security: SESSION,
  summary: 'The audit trail of the submission, oldest first; filter by question',
  request: { params: Sid, query: z.object({ questionCode: z.string().max(40).optional() }) },
  responses: {
    200: jsonContent(z.object({ history: z.array(HistoryEntrySchema) }), 'History'),
    ...problems(...READ_ERRORS),
  },
});

const uploadRoute = createRoute({
  method: 'post',
  path: '/submissions/{sid}/files',
  operationId: 'uploadFile',
  tags,
  security: SESSION,
  summary:
    'Upload an evidence file (multipart, field `file`): PDF, images or office documents, recognised by their bytes',
  request: {
    params: Sid,
    body: {
      required: true,
      content: {
        'multipart/form-data': { schema: z.object({ file: z.string().openapi({ type: 'string', format: 'binary' }) }) },
      },
    },
  },
  responses: { 201: jsonContent(FileInfoSchema, 'Stored'), ...WRITE },
});

const fileRoute = createRoute({
  method: 'get',
  path: '/files/{fileId}',
  operationId: 'getFile',
  tags,
  security: SESSION,
  summary:
    'An evidence file (only for those who may see its submission). `inline=1` shows a PDF or an image inline, sandboxed ' +
    'by its own Content-Security-Policy and framed only by our pages; other types are attachments either way',
  request: {
    params: z.object({ fileId: IdParam('fileId') }),
    query: z.object({ inline: z.enum(['0', '1']).optional() }),
  },
  responses: {
    200: {
      description: 'The file, with its stored type',
      content: { 'application/octet-stream': { schema: z.string().openapi({ format: 'binary' }) } },
    },
    ...problems(...READ_ERRORS),
  },
});

export const submissionsRoutes = createRouter();

// Uploads are streamed by the receiver: the route is documented, but not validated by zod-openapi, whose form
// validator would read the whole multipart body into memory first.
submissionsRoutes.openAPIRegistry.registerPath(uploadRoute);
submissionsRoutes.post('/submissions/:sid/files', async (c) => {
  const sid = c.req.param('sid');
  const file = await files.uploadFile(c.get('submissions'), requireActor(c), sid, c.req.raw);
  return c.json(file, 201);
});

submissionsRoutes
  .openapi(fileRoute, async (c) => {
    const file = await files.getFile(c.get('submissions'), requireActor(c), c.req.valid('param').fileId);
    const inline = c.req.valid('query').inline === '1' && files.previewable(file.contentType);
    const response = new Response(file.stream, {
      headers: {
        'Content-Type': file.contentType,
        'Content-Length': String(file.size),
        'Content-Disposition': inline ? files.inlineDisposition(file.name) : files.contentDisposition(file.name),
        'Cache-Control': 'private, no-store',
        'X-Content-Type-Options': 'nosniff',
        ETag: `"${file.sha256}"`,
      },
    });
    return (inline ? asPreview(response) : response) as never;
  })
  .openapi(mineRoute, async (c) => {
    const submission = await lifecycle.mine(
      c.get('submissions'),
      requireActor(c),
      c.req.valid('param').pid,
      c.req.valid('query').bodyId,
    );
    c.header('ETag', `"${submission.version}"`);
    return c.json({ submission }, 200);
  })
  .openapi(listRoute, async (c) => {
    const list = await submissionList.listSubmissions(
      c.get('submissions'),
      requireActor(c),
      c.req.valid('param').pid,
      c.req.valid('query'),
    );
    return c.json(list, 200);
  })
  .openapi(getRoute, async (c) => {
    const submission = await view.getSubmission(c.get('submissions'), requireActor(c), c.req.valid('param').sid);
    c.header('ETag', `"${submission.version}"`);
    return c.json({ submission }, 200);
  })
  .openapi(saveRoute, async (c) => {
    const actor = requireActor(c);
    const version = parseIfMatch(c.req.header('if-match'));
    const result = await autosave.saveAnswers(
      c.get('submissions'),
      actor,
      c.req.valid('param').sid,
      version,
      c.req.valid('json').answers,
    );
    // the autosave's hot path: one plain header object (c.json's headers, built faster)
    return jsonResponse(c, result, 200, { etag: `"${result.version}"` });
  })
  .openapi(submitRoute, async (c) => {
    const submission = await lifecycle.submit(c.get('submissions'), requireActor(c), c.req.valid('param').sid, {
      confirmCarried: c.req.valid('json').confirmCarried,
    });
    return c.json({ submission }, 200);
  })
  .openapi(confirmCarriedRoute, async (c) => {
    const actor = requireActor(c);
    const version = parseIfMatch(c.req.header('if-match'));
    const result = await lifecycle.confirmCarriedAnswers(
      c.get('submissions'),
      actor,
      c.req.valid('param').sid,
      version,
      c.req.valid('json').questionCodes,
    );
    c.header('ETag', `"${result.submission.version}"`);
    return c.json(result, 200);
  })
  .openapi(receiptRoute, async (c) => {
    return c.json(await receipts.getReceipt(c.get('submissions'), requireActor(c), c.req.valid('param').sid), 200);
  })
  .openapi(reopenRoute, async (c) => {
    const submission = await lifecycle.reopen(
      c.get('submissions'),
      requireActor(c),
      c.req.valid('param').sid,
      c.req.valid('json').reason,
    );
    return c.json({ submission }, 200);
  })
  .openapi(extensionRoute, async (c) => {
    const body = c.req.valid('json');
    const submission = await lifecycle.extend(
      c.get('submissions'),
      requireActor(c),
      c.req.valid('param').sid,
      new Date(body.until),
      body.reason,
    );
    return c.json({ submission }, 200);
  })
  .openapi(carryRoute, async (c) => {
    return c.json(await lifecycle.carryForward(c.get('submissions'), requireActor(c), c.req.valid('param').sid), 200);
  })
  .openapi(historyRoute, async (c) => {
    const history = await lifecycle.submissionHistory(
      c.get('submissions'),
      requireActor(c),
      c.req.valid('param').sid,
      c.req.valid('query').questionCode,
    );
    return c.json({ history }, 200);
  });
