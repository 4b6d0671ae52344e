import OpenAI from 'openai';

/** A file the fake vendor received, with its text, so tests can read what left the company. */
export interface ReceivedFile {
  readonly id: string;
  readonly filename: string;
  readonly purpose: string;
  readonly text: string;
}

/** A fine-tuning job the fake vendor queued. */
export interface QueuedJob {
  readonly id: string;
  readonly model: string;
  readonly training_file: string;
  readonly suffix: string | undefined;
}

/** The real `openai` client over an in-process `fetch` that answers like the vendor and never calls out. */
export interface FakeOpenAI {
  readonly client: OpenAI;
  readonly files: ReceivedFile[];
  readonly jobs: QueuedJob[];
}

/** Creates the client and the record of what it was sent. */
export function createFakeOpenAI(): FakeOpenAI {
  const files: ReceivedFile[] = [];
  const jobs: QueuedJob[] = [];
  const json = (body: unknown, status = 200) =>
    new Response(JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/json' },
    });

  const fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const path = new URL(request.url).pathname;
    if (request.method === 'POST' && path === '/v1/files') {
      const form = await request.formData();
      const file = form.get('file');
      if (!(file instanceof File)) return json({ error: { message: 'file is required' } }, 400);
      const id = `file-${String(files.length + 1).padStart(4, '0')}`;
      const purpose = String(form.get('purpose'));
      files.push({ id, filename: file.name, purpose, text: await file.text() });
      return json({
        id,
        object: 'file',
        bytes: file.size,
        created_at: 1_767_225_600,
        filename: file.name,
        purpose,
        status: 'processed',
      });
    }
    if (request.method === 'POST' && path === '/v1/fine_tuning/jobs') {
      const body = (await request.json()) as {
        model: string;
        training_file: string;
        suffix?: string;
      };
      if (!files.some((file) => file.id === body.training_file)) {
        return json({ error: { message: `no such file: ${body.training_file}` } }, 404);
      }
      const job: QueuedJob = {
        id: `ftjob-${String(jobs.length + 1).padStart(4, '0')}`,
        model: body.model,
        training_file: body.training_file,
        suffix: body.suffix,
      };
      jobs.push(job);
      return json({
        ...job,
        object: 'fine_tuning.job',
        status: 'queued',
        created_at: 1_767_225_600,
      });
    }
    return json({ error: { message: `unexpected ${request.method} ${path}` } }, 404);
  };

  const client = new OpenAI({
    apiKey: 'sk-test',
    baseURL: 'https://api.openai.test/v1',
    fetch,
    maxRetries: 0,
  });
  return { client, files, jobs };
}
