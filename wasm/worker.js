// The worker side of createWorkerRecognizer() (digits-worker.js): one recognizer, created by the first
// message. Answers each {id, type: 'create' | 'recognize', options | image} with {id, result} or
// {id, error: {name, message}}.
import { createRecognizer } from './digits.js';

let ready;

addEventListener('message', async ({ data: { id, type, options, image } }) => {
  try {
    if (type === 'create') ready = createRecognizer(options);
    const recognizer = await ready;
    postMessage({ id, result: type === 'recognize' ? recognizer.recognize(image) : undefined });
  } catch (error) {
    postMessage({ id, error: { name: error.name, message: error.message } });
  }
});
