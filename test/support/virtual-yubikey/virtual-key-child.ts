// SPDX-License-Identifier: MIT
/** Child-process side of OutOfProcessYubiKey: runs one VirtualYubiKey and obeys the parent. */
import { VirtualYubiKey, type TouchBehaviour, type VirtualYubiKeyOptions } from '.';

export type ChildRequest =
  | { id: number; op: 'start'; options: VirtualYubiKeyOptions }
  | { id: number; op: 'remove' | 'insert' | 'stop' }
  | { id: number; op: 'touch-behaviour'; behaviour: TouchBehaviour };

export type ChildReply = { id: number; ok: true; deviceId?: string; readerName?: string } | { id: number; ok: false; error: string };

let key: VirtualYubiKey | undefined;

async function handle(req: ChildRequest): Promise<ChildReply> {
  if (req.op === 'start') {
    key = await VirtualYubiKey.start(req.options);
    return { id: req.id, ok: true, deviceId: key.deviceId, readerName: key.readerName };
  }
  if (!key) throw new Error('virtual key not started');
  switch (req.op) {
    case 'remove':
      await key.remove();
      break;
    case 'insert':
      await key.insert();
      break;
    case 'stop':
      await key.stop();
      break;
    case 'touch-behaviour':
      key.setTouchBehaviour(req.behaviour);
      break;
  }
  return { id: req.id, ok: true };
}

process.on('message', (req: ChildRequest) => {
  handle(req).then(
    (reply) => process.send?.(reply),
    (e: unknown) => process.send?.({ id: req.id, ok: false, error: e instanceof Error ? e.message : String(e) }),
  );
});
