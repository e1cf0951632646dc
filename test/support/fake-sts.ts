// SPDX-License-Identifier: MIT
// In-memory StsApi/IamApi typed against the ports: records calls, mints sessions, fails when scripted to.
import { TouchroleError } from '../../src-shared/errors';
import type { Clock } from '../../src-shared/time/clock';
import type {
  AccessKeyInfo,
  AssumeRoleInput,
  AssumeRoleOutput,
  CallContext,
  CallerIdentity,
  GetSessionTokenInput,
  IamApi,
  MfaDeviceInfo,
  StsApi,
  TemporaryCredentials,
} from '../../src-main/core/sts';

export type StsCall =
  | { op: 'AssumeRole'; ctx: CallContext; input: AssumeRoleInput }
  | { op: 'GetSessionToken'; ctx: CallContext; input: GetSessionTokenInput }
  | { op: 'GetCallerIdentity'; ctx: CallContext }
  | { op: 'DecodeAuthorizationMessage'; ctx: CallContext };

/**
 * A fake STS with AWS's MFA rule built in: a (serial, code) pair is accepted once. Sessions it
 * mints are remembered, so GetCallerIdentity with them answers as AWS would.
 */
export class FakeSts implements StsApi {
  readonly calls: StsCall[] = [];
  private readonly failures: Array<{ op: StsCall['op']; error: TouchroleError }> = [];
  private readonly usedCodes = new Set<string>();
  private readonly identities = new Map<string, CallerIdentity>();
  private counter = 0;

  constructor(
    private readonly clock: Clock,
    readonly account = '123456789012',
  ) {}

  /** The next call of `op` throws `error` (queued: one failure per call). */
  failNext(op: StsCall['op'], error: TouchroleError): void {
    this.failures.push({ op, error });
  }

  count(op: StsCall['op']): number {
    return this.calls.filter((c) => c.op === op).length;
  }

  async assumeRole(ctx: CallContext, input: AssumeRoleInput): Promise<AssumeRoleOutput> {
    this.calls.push({ op: 'AssumeRole', ctx, input });
    this.maybeFail('AssumeRole');
    this.spendCode(input.serialNumber, input.tokenCode);
    const role = input.roleArn.split('/').pop() ?? 'role';
    const arn = `arn:aws:sts::${this.account}:assumed-role/${role}/${input.roleSessionName}`;
    const credentials = this.mint(input.durationSeconds ?? 3600, { account: this.account, arn, userId: `AROAFAKE:${input.roleSessionName}` });
    return { credentials, assumedRoleArn: arn };
  }

  async getSessionToken(ctx: CallContext, input: GetSessionTokenInput): Promise<TemporaryCredentials> {
    this.calls.push({ op: 'GetSessionToken', ctx, input });
    this.maybeFail('GetSessionToken');
    this.spendCode(input.serialNumber, input.tokenCode);
    return this.mint(input.durationSeconds ?? 43200, { account: this.account, arn: `arn:aws:iam::${this.account}:user/fake`, userId: 'AIDAFAKE' });
  }

  async getCallerIdentity(ctx: CallContext): Promise<CallerIdentity> {
    this.calls.push({ op: 'GetCallerIdentity', ctx });
    this.maybeFail('GetCallerIdentity');
    const known = this.identities.get(ctx.credentials.accessKeyId);
    return known ?? { account: this.account, arn: `arn:aws:iam::${this.account}:user/fake`, userId: 'AIDAFAKE' };
  }

  async decodeAuthorizationMessage(ctx: CallContext, encodedMessage: string): Promise<string> {
    this.calls.push({ op: 'DecodeAuthorizationMessage', ctx });
    this.maybeFail('DecodeAuthorizationMessage');
    return JSON.stringify({ decoded: encodedMessage.length });
  }

  private maybeFail(op: StsCall['op']): void {
    const i = this.failures.findIndex((f) => f.op === op);
    if (i < 0) return;
    const [f] = this.failures.splice(i, 1);
    if (f) throw f.error;
  }

  private spendCode(serial: string | undefined, code: string | undefined): void {
    if (serial === undefined && code === undefined) return;
    const key = `${serial ?? ''}#${code ?? ''}`;
    if (serial === undefined || code === undefined || !/^\d{6}$/.test(code) || this.usedCodes.has(key)) {
      throw new TouchroleError('sts-invalid-mfa', 'AWS rejected the MFA code for STS (fake)');
    }
    this.usedCodes.add(key);
  }

  private mint(durationSeconds: number, identity: CallerIdentity): TemporaryCredentials {
    this.counter += 1;
    const accessKeyId = `ASIAFAKE${String(this.counter).padStart(8, '0')}`;
    this.identities.set(accessKeyId, identity);
    return {
      accessKeyId,
      secretAccessKey: `secret-${this.counter}`,
      sessionToken: `token-${this.counter}`,
      expiration: this.clock.now() + durationSeconds * 1000,
    };
  }
}

/** A fake IAM holding one account's users' keys and MFA devices. */
export class FakeIam implements IamApi {
  readonly keys: AccessKeyInfo[] = [];
  readonly devices: MfaDeviceInfo[] = [];
  private readonly failures: Array<{ op: keyof IamApi; error: TouchroleError }> = [];
  private counter = 0;

  constructor(
    private readonly clock: Clock,
    readonly userName = 'alice',
    readonly account = '123456789012',
  ) {}

  failNext(op: keyof IamApi, error: TouchroleError): void {
    this.failures.push({ op, error });
  }

  async getUser(_ctx: CallContext, input: { userName?: string } = {}) {
    this.maybeFail('getUser');
    const userName = input.userName ?? this.userName;
    return { userName, userId: 'AIDAFAKE', arn: `arn:aws:iam::${this.account}:user/${userName}` };
  }
  async listAccessKeys(_ctx: CallContext, input: { userName?: string } = {}) {
    this.maybeFail('listAccessKeys');
    return this.keys.filter((k) => k.userName === (input.userName ?? this.userName)).map((k) => ({ ...k }));
  }
  async createAccessKey(_ctx: CallContext, input: { userName?: string } = {}) {
    this.maybeFail('createAccessKey');
    if (this.keys.filter((k) => k.userName === (input.userName ?? this.userName)).length >= 2) {
      throw new TouchroleError('iam-error', 'IAM CreateAccessKey failed (LimitExceeded): Cannot exceed quota for AccessKeysPerUser: 2');
    }
    this.counter += 1;
    const key: AccessKeyInfo = {
      userName: input.userName ?? this.userName,
      accessKeyId: `AKIAFAKE${String(this.counter).padStart(8, '0')}`,
      status: 'Active',
      createDate: this.clock.now(),
    };
    this.keys.push(key);
    return { ...key, secretAccessKey: `iam-secret-${this.counter}` };
  }
  async updateAccessKey(_ctx: CallContext, input: { accessKeyId: string; status: 'Active' | 'Inactive' }) {
    this.maybeFail('updateAccessKey');
    this.findKey(input.accessKeyId).status = input.status;
  }
  async deleteAccessKey(_ctx: CallContext, input: { accessKeyId: string }) {
    this.maybeFail('deleteAccessKey');
    this.keys.splice(this.keys.indexOf(this.findKey(input.accessKeyId)), 1);
  }
  async listMFADevices(_ctx: CallContext, input: { userName?: string } = {}) {
    this.maybeFail('listMFADevices');
    return this.devices.filter((d) => d.userName === (input.userName ?? this.userName)).map((d) => ({ ...d }));
  }
  async createVirtualMFADevice(_ctx: CallContext, input: { name: string }) {
    this.maybeFail('createVirtualMFADevice');
    return { serialNumber: `arn:aws:iam::${this.account}:mfa/${input.name}`, base32Seed: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP' };
  }
  async enableMFADevice(_ctx: CallContext, input: { userName: string; serialNumber: string }) {
    this.maybeFail('enableMFADevice');
    this.devices.push({ userName: input.userName, serialNumber: input.serialNumber, enableDate: this.clock.now() });
  }
  async deactivateMFADevice(_ctx: CallContext, input: { serialNumber: string }) {
    this.maybeFail('deactivateMFADevice');
    const i = this.devices.findIndex((d) => d.serialNumber === input.serialNumber);
    if (i >= 0) this.devices.splice(i, 1);
  }
  async deleteVirtualMFADevice(_ctx: CallContext, _input: { serialNumber: string }) {
    this.maybeFail('deleteVirtualMFADevice');
  }

  private findKey(id: string): AccessKeyInfo {
    const k = this.keys.find((x) => x.accessKeyId === id);
    if (k === undefined) throw new TouchroleError('iam-error', `IAM failed (NoSuchEntity): The Access Key with id ${id} cannot be found.`);
    return k;
  }

  private maybeFail(op: keyof IamApi): void {
    const i = this.failures.findIndex((f) => f.op === op);
    if (i < 0) return;
    const [f] = this.failures.splice(i, 1);
    if (f) throw f.error;
  }
}
