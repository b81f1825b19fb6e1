// A synchronous SphinxQL client. newsq's commands are synchronous (one pass from the query
// to the page), and the cluster engine must fit behind the same calls as the local index;
// so the `mysql2` client runs in a worker thread and the calling thread waits on a shared
// word until the worker has answered. mysql2 is loaded from node_modules by its resolved
// path, only when a cluster is used: the local index never pays for it.

import { createRequire } from 'node:module';
import { join } from 'node:path';
import { MessageChannel, Worker, receiveMessageOnPort } from 'node:worker_threads';

/** A SphinxQL node: host and MySQL-protocol port. */
export interface Node {
  host: string;
  port: number;
}

export function nodeName(n: Node): string {
  return `${n.host}:${n.port}`;
}

/** A node that could not be reached or answered with an error; `node` names it. */
export class SphinxError extends Error {
  constructor(
    readonly node: string,
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
  }

  /** Whether the node itself was unreachable (not a query the node refused). */
  get unreachable(): boolean {
    return this.code === 'ECONNREFUSED' || this.code === 'ETIMEDOUT' || this.code === 'ECONNRESET' || this.code === 'EHOSTUNREACH' || this.code === 'PROTOCOL_CONNECTION_LOST';
  }
}

export type Row = Record<string, string | number | null>;

// The worker: one connection per node, kept open; every request answered on the port,
// then the shared word is set and the caller woken.
const WORKER = `
const { workerData, parentPort } = require('node:worker_threads');
const mysql = require(workerData.mysql2);
const word = new Int32Array(workerData.signal);
const connections = new Map();
function connect(node) {
  const key = node.host + ':' + node.port;
  let c = connections.get(key);
  if (!c) {
    c = mysql.createConnection({ host: node.host, port: node.port, multipleStatements: true,
      supportBigNumbers: true, bigNumberStrings: true, connectTimeout: workerData.connectTimeout });
    c.on('error', () => connections.delete(key));
    connections.set(key, c);
  }
  return c;
}
function answer(port, message) {
  port.postMessage(message);
  Atomics.add(word, 0, 1);
  Atomics.notify(word, 0);
}
parentPort.on('message', ({ port, node, sql }) => {
  let c;
  try { c = connect(node); } catch (err) { return answer(port, { error: { message: err.message, code: err.code } }); }
  c.query(sql, (err, rows) => {
    if (err) {
      if (err.fatal) connections.delete(node.host + ':' + node.port);
      return answer(port, { error: { message: err.message, code: err.code } });
    }
    answer(port, { rows });
  });
});
`;

/** The mysql2 package newsq depends on, found from its own package folder. */
function mysql2Path(root: string): string {
  return createRequire(join(root, 'package.json')).resolve('mysql2');
}

/** Synchronous SphinxQL over mysql2 in a worker thread. */
export class SphinxQL {
  private worker: Worker | null = null;
  private signal = new Int32Array(new SharedArrayBuffer(4));

  constructor(
    private readonly packageRoot: string,
    private readonly timeoutMs = 30_000,
  ) {}

  private start(): Worker {
    if (this.worker) return this.worker;
    const w = new Worker(WORKER, {
      eval: true,
      workerData: { mysql2: mysql2Path(this.packageRoot), signal: this.signal.buffer, connectTimeout: Math.min(this.timeoutMs, 5000) },
    });
    // The worker holds sockets open: it must not keep a finished command's process alive.
    w.unref();
    this.worker = w;
    return w;
  }

  /** Runs SQL (several statements separated by `;` give an array of results) on a node. */
  query(node: Node, sql: string): Row[] | Row[][] {
    return this.many([{ node, sql }])[0]!;
  }

  /** Runs requests on their nodes at once (each node's connection in parallel); answers in order. */
  many(requests: Array<{ node: Node; sql: string }>): Array<Row[] | Row[][]> {
    const w = this.start();
    Atomics.store(this.signal, 0, 0);
    const ports = requests.map(({ node, sql }) => {
      const { port1, port2 } = new MessageChannel();
      w.postMessage({ port: port2, node, sql }, [port2]);
      return port1;
    });
    const deadline = Date.now() + this.timeoutMs;
    for (;;) {
      const done = Atomics.load(this.signal, 0);
      if (done >= requests.length) break;
      const left = deadline - Date.now();
      if (left <= 0) break;
      Atomics.wait(this.signal, 0, done, left);
    }
    // Every answer is read before any error is raised: no reply is left for a later call.
    const replies = ports.map((port) => {
      const reply = receiveMessageOnPort(port)?.message as { rows?: Row[] | Row[][]; error?: { message: string; code?: string } } | undefined;
      port.close();
      return reply;
    });
    return replies.map((reply, i) => {
      const node = requests[i]!.node;
      if (!reply) throw new SphinxError(nodeName(node), `no answer in ${this.timeoutMs / 1000} s`, 'ETIMEDOUT');
      if (reply.error) throw new SphinxError(nodeName(node), reply.error.message, reply.error.code);
      return reply.rows!;
    });
  }

  /** One statement's rows. */
  rows(node: Node, sql: string): Row[] {
    return this.query(node, sql) as Row[];
  }

  close(): void {
    void this.worker?.terminate();
    this.worker = null;
  }
}

/** A string as a SphinxQL literal. */
export function literal(s: string): string {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\0/g, '\\0')}'`;
}
