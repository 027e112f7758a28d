// An independent PX4 ULog writer for spikepilot's tests and benchmarks (it shares no code with our Java reader).
//
//   node write-ulog.mjs OUT [--seconds S] [--seed N] [--appended] [--version V]
//       Writes a ULog as PX4's logger lays it out: header, flag bits, formats (PX4 v1.14-style definitions of
//       vehicle_local_position, vehicle_attitude, vehicle_angular_velocity, vehicle_attitude_setpoint,
//       vehicle_rates_setpoint, vehicle_thrust_setpoint, trajectory_setpoint, sensor_combined, and the nested
//       position_setpoint_triplet), info and parameters, subscriptions (vehicle_attitude with a second instance),
//       then data at PX4's usual rates with trailing padding left out, log strings, sync markers and a dropout.
//       The flight: take-off to 2.5 m, then a 3 m circle every 30 s. Timing jitter comes from a seeded generator,
//       so a seed gives the same file. --appended flags appended data and writes a second data part after a
//       message cut short at the appended offset, as a logger does after a crash.
import fs from 'node:fs';
import { parseArgs } from 'node:util';

const { values: opts, positionals } = parseArgs({ allowPositionals: true, options: {
  seconds: { type: 'string' }, seed: { type: 'string' }, appended: { type: 'boolean' }, version: { type: 'string' },
} });
const file = positionals[0];
if (!file) {
  process.stderr.write('usage: node write-ulog.mjs OUT [--seconds S] [--seed N] [--appended] [--version V]\n');
  process.exit(2);
}
const seconds = Number(opts.seconds || 60);
let seed = Number(opts.seed || 7) >>> 0;
const random = () => { seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0; return seed / 4294967296; };

const SIZES = { int8_t: 1, uint8_t: 1, bool: 1, char: 1, int16_t: 2, uint16_t: 2, int32_t: 4, uint32_t: 4, float: 4,
  int64_t: 8, uint64_t: 8, double: 8 };
const FORMATS = {
  vehicle_local_position: 'uint64_t timestamp;uint64_t timestamp_sample;bool xy_valid;bool z_valid;bool v_xy_valid;'
    + 'bool v_z_valid;float x;float y;float z;float[2] delta_xy;uint8_t xy_reset_counter;float delta_z;'
    + 'uint8_t z_reset_counter;float vx;float vy;float vz;float z_deriv;float[2] delta_vxy;uint8_t vxy_reset_counter;'
    + 'float delta_vz;uint8_t vz_reset_counter;float ax;float ay;float az;float heading;float delta_heading;'
    + 'uint8_t heading_reset_counter;bool heading_good_for_control;bool xy_global;bool z_global;uint64_t ref_timestamp;'
    + 'double ref_lat;double ref_lon;float ref_alt;float dist_bottom;bool dist_bottom_valid;'
    + 'uint8_t dist_bottom_sensor_bitfield;float eph;float epv;float evh;float evv;bool dead_reckoning;'
    + 'float vxy_max;float vz_max;float hagl_min;float hagl_max;uint8_t[1] _padding0;',
  vehicle_attitude: 'uint64_t timestamp;uint64_t timestamp_sample;float[4] q;float[4] delta_q_reset;'
    + 'uint8_t quat_reset_counter;uint8_t[7] _padding0;',
  vehicle_angular_velocity: 'uint64_t timestamp;uint64_t timestamp_sample;float[3] xyz;float[3] xyz_derivative;',
  vehicle_attitude_setpoint: 'uint64_t timestamp;float yaw_sp_move_rate;float[4] q_d;float[3] thrust_body;'
    + 'bool reset_integral;bool fw_control_yaw_wheel;uint8_t[6] _padding0;',
  vehicle_rates_setpoint: 'uint64_t timestamp;float roll;float pitch;float yaw;float[3] thrust_body;'
    + 'bool reset_integral;uint8_t[7] _padding0;',
  vehicle_thrust_setpoint: 'uint64_t timestamp;uint64_t timestamp_sample;float[3] xyz;uint8_t[4] _padding0;',
  trajectory_setpoint: 'uint64_t timestamp;float[3] position;float[3] velocity;float[3] acceleration;float[3] jerk;'
    + 'float yaw;float yawspeed;',
  sensor_combined: 'uint64_t timestamp;float[3] gyro_rad;uint32_t gyro_integral_dt;int32_t accelerometer_timestamp_relative;'
    + 'float[3] accelerometer_m_s2;uint32_t accelerometer_integral_dt;uint8_t accelerometer_clipping;'
    + 'uint8_t gyro_clipping;uint8_t accel_calibration_count;uint8_t gyro_calibration_count;',
  position_setpoint: 'uint64_t timestamp;double lat;double lon;float x;float y;float z;float vx;float vy;float vz;'
    + 'float alt;float yaw;bool valid;uint8_t type;bool velocity_valid;bool yaw_valid;uint8_t[4] _padding0;',
  position_setpoint_triplet: 'uint64_t timestamp;position_setpoint previous;position_setpoint current;'
    + 'position_setpoint next;',
};

function layout(name) {
  const fields = [];
  let size = 0;
  for (const part of FORMATS[name].split(';').filter((p) => p)) {
    const [typeText, field] = part.split(' ');
    const m = /^([a-z0-9_]+)(?:\[(\d+)\])?$/.exec(typeText);
    const count = m[2] ? Number(m[2]) : 1;
    const basic = SIZES[m[1]];
    const elem = basic || layout(m[1]).size;
    fields.push({ name: field, type: m[1], count, offset: size, nested: !basic });
    size += elem * count;
  }
  const trailing = fields.length && fields[fields.length - 1].name.startsWith('_padding')
    ? fields[fields.length - 1].count : 0;
  return { fields, size, trailing };
}

function encode(name, values, buffer, at) {
  const { fields } = layout(name);
  for (const f of fields) {
    if (f.name.startsWith('_padding')) continue;
    const v = values[f.name];
    for (let i = 0; i < f.count; i++) {
      const x = Array.isArray(v) ? v[i] : v;
      if (f.nested) { encode(f.type, x || {}, buffer, at + f.offset + i * layout(f.type).size); continue; }
      const p = at + f.offset + i * SIZES[f.type];
      const n = x === undefined ? 0 : x;
      switch (f.type) {
        case 'uint64_t': buffer.writeBigUInt64LE(BigInt(n), p); break;
        case 'int64_t': buffer.writeBigInt64LE(BigInt(n), p); break;
        case 'double': buffer.writeDoubleLE(n, p); break;
        case 'float': buffer.writeFloatLE(n, p); break;
        case 'int32_t': buffer.writeInt32LE(n, p); break;
        case 'uint32_t': buffer.writeUInt32LE(n, p); break;
        case 'int16_t': buffer.writeInt16LE(n, p); break;
        case 'uint16_t': buffer.writeUInt16LE(n, p); break;
        case 'int8_t': buffer.writeInt8(n, p); break;
        default: buffer.writeUInt8(n ? Number(n) & 0xff : 0, p);
      }
    }
  }
}

const chunks = [];
let written = 0;
const push = (b) => { chunks.push(b); written += b.length; };
const message = (type, body) => {
  const h = Buffer.alloc(3);
  h.writeUInt16LE(body.length, 0);
  h.write(type, 2, 'latin1');
  push(h);
  push(body);
};
const text = (s) => Buffer.from(s, 'latin1');
const keyed = (key, value) => Buffer.concat([Buffer.from([key.length]), text(key), value]);

const header = Buffer.alloc(16);
text('ULog').copy(header, 0);
header[4] = 0x01; header[5] = 0x12; header[6] = 0x35;
header[7] = Number(opts.version ?? 1);
header.writeBigUInt64LE(20_000_000n, 8);
push(header);
const flags = Buffer.alloc(40);
let appendedOffsetAt = -1;
if (opts.appended) { flags[8] = 1; appendedOffsetAt = written + 3 + 16; }
message('B', flags);
for (const name of Object.keys(FORMATS)) message('F', text(`${name}:${FORMATS[name]}`));
message('I', keyed('char[3] sys_name', text('PX4')));
message('I', keyed('char[40] ver_sw', text('1f4a0c7e5b2d9a8c6e3f1b0d4a7c9e2f5b8d1a3c')));
message('I', keyed('char[8] ver_hw', text('PX4_SITL')));
message('I', keyed('uint32_t ver_sw_release', (() => { const b = Buffer.alloc(4); b.writeUInt32LE(0x010e00ff); return b; })()));
const f32 = (v) => { const b = Buffer.alloc(4); b.writeFloatLE(v); return b; };
const i32 = (v) => { const b = Buffer.alloc(4); b.writeInt32LE(v); return b; };
message('P', keyed('float MPC_THR_HOVER', f32(0.5)));
message('P', keyed('float COM_OF_LOSS_T', f32(1.0)));
message('P', keyed('int32_t SYS_AUTOSTART', i32(4001)));

const subscriptions = [];
const subscribe = (name, multiId) => {
  const msgId = subscriptions.length;
  const b = Buffer.alloc(3);
  b[0] = multiId;
  b.writeUInt16LE(msgId, 1);
  message('A', Buffer.concat([b, text(name)]));
  subscriptions.push({ name, multiId, msgId });
  return msgId;
};
const ids = {
  lpos: subscribe('vehicle_local_position', 0), att: subscribe('vehicle_attitude', 0),
  att1: subscribe('vehicle_attitude', 1), rate: subscribe('vehicle_angular_velocity', 0),
  attSp: subscribe('vehicle_attitude_setpoint', 0), rateSp: subscribe('vehicle_rates_setpoint', 0),
  thrustSp: subscribe('vehicle_thrust_setpoint', 0), traj: subscribe('trajectory_setpoint', 0),
  sensors: subscribe('sensor_combined', 0), triplet: subscribe('position_setpoint_triplet', 0),
};
const counts = {};
const data = (msgId, values) => {
  const name = subscriptions[msgId].name;
  const l = layout(name);
  const body = Buffer.alloc(2 + l.size);
  body.writeUInt16LE(msgId, 0);
  encode(name, values, body, 2);
  message('D', body.subarray(0, body.length - l.trailing));
  counts[name] = (counts[name] || 0) + 1;
};
const logString = (us, level, s) => {
  const b = Buffer.alloc(9);
  b[0] = level;
  b.writeBigUInt64LE(BigInt(us), 1);
  message('L', Buffer.concat([b, text(s)]));
};
const SYNC = Buffer.from([0x2f, 0x73, 0x13, 0x20, 0x25, 0x0c, 0xbb, 0x12]);

// the flight, NED: take-off to 2.5 m in 5 s, then a circle of 3 m every 30 s, heading along the path
const g = 9.81;
function flight(t) {
  const climb = Math.min(t / 5, 1);
  const w = t > 5 ? 2 * Math.PI / 30 : 0;
  const phase = w * (t - 5);
  const r = t > 5 ? 3 : 0;
  const x = r * Math.cos(phase) - r, y = r * Math.sin(phase), z = -2.5 * climb;
  const vx = -r * w * Math.sin(phase), vy = r * w * Math.cos(phase), vz = t < 5 ? -0.5 : 0;
  const ax = -r * w * w * Math.cos(phase), ay = -r * w * w * Math.sin(phase);
  const yaw = t > 5 ? phase + Math.PI / 2 : 0;
  // tilt that makes the horizontal acceleration, in the yawed body frame
  const axb = Math.cos(yaw) * ax + Math.sin(yaw) * ay, ayb = -Math.sin(yaw) * ax + Math.cos(yaw) * ay;
  const pitch = -Math.atan2(axb, g), roll = Math.atan2(ayb, g);
  const cr = Math.cos(roll / 2), sr = Math.sin(roll / 2), cp = Math.cos(pitch / 2), sp = Math.sin(pitch / 2);
  const cy = Math.cos(yaw / 2), sy = Math.sin(yaw / 2);
  const q = [cr * cp * cy + sr * sp * sy, sr * cp * cy - cr * sp * sy, cr * sp * cy + sr * cp * sy,
    cr * cp * sy - sr * sp * cy];
  return { x, y, z, vx, vy, vz, ax, ay, q, yaw, yawRate: w, thrust: 0.5 / (Math.cos(roll) * Math.cos(pitch)) };
}

const startUs = 20_000_000;
const periods = { lpos: 20000, att: 10000, rate: 5000, attSp: 10000, rateSp: 5000, traj: 20000, sensors: 5000,
  triplet: 200000 };
const next = Object.fromEntries(Object.keys(periods).map((k) => [k, startUs]));
logString(startUs, '6'.charCodeAt(0), '[logger] logger started (mode=all)');
let nextSync = startUs;
let dropped = false;
let appendAt = opts.appended ? startUs + seconds * 1e6 * 0.6 : Infinity;
const endUs = startUs + seconds * 1e6;
for (let t = startUs; t < endUs; t += 1000) {
  if (t >= nextSync) { message('S', SYNC); nextSync += 1_000_000; }
  if (!dropped && t > startUs + seconds * 1e6 / 2) {
    const b = Buffer.alloc(2); b.writeUInt16LE(32); message('O', b); dropped = true;
  }
  if (t >= appendAt) {
    // a message cut short where the first part ends, then the appended part starts at a recorded offset
    const h = Buffer.alloc(3); h.writeUInt16LE(60, 0); h.write('D', 2, 'latin1');
    push(Buffer.concat([h, Buffer.alloc(20)]));
    const offset = written;
    const patch = chunks[2]; // the flag-bits body
    patch.writeBigUInt64LE(BigInt(offset), 16);
    appendAt = Infinity;
    logString(t, '4'.charCodeAt(0), '[logger] appended data after a crash');
  }
  for (const k of Object.keys(periods)) {
    if (t < next[k]) continue;
    const jitterUs = Math.floor(random() * 300);
    const ts = t + jitterUs;
    next[k] += periods[k];
    const s = flight((ts - startUs) / 1e6);
    switch (k) {
      case 'lpos':
        data(ids.lpos, { timestamp: ts, timestamp_sample: ts - 800, xy_valid: 1, z_valid: 1, v_xy_valid: 1,
          v_z_valid: 1, x: s.x, y: s.y, z: s.z, vx: s.vx, vy: s.vy, vz: s.vz, z_deriv: s.vz, ax: s.ax, ay: s.ay,
          az: 0, heading: s.yaw, heading_good_for_control: 1, ref_timestamp: startUs, ref_lat: 47.397742,
          ref_lon: 8.545594, ref_alt: 488.0, dist_bottom: -s.z, dist_bottom_valid: 1, eph: 0.4, epv: 0.6,
          evh: 0.1, evv: 0.1, vxy_max: Number.POSITIVE_INFINITY, vz_max: Number.POSITIVE_INFINITY,
          hagl_min: Number.POSITIVE_INFINITY, hagl_max: Number.POSITIVE_INFINITY });
        break;
      case 'att':
        data(ids.att, { timestamp: ts, timestamp_sample: ts - 400, q: s.q, delta_q_reset: [0, 0, 0, 0] });
        data(ids.att1, { timestamp: ts + 50, timestamp_sample: ts - 300, q: s.q.map((v) => v * (1 + 1e-4)),
          delta_q_reset: [0, 0, 0, 0], quat_reset_counter: 1 });
        break;
      case 'rate':
        data(ids.rate, { timestamp: ts, timestamp_sample: ts - 200,
          xyz: [0.002 * Math.sin(ts / 1e5), -0.002 * Math.cos(ts / 1e5), s.yawRate], xyz_derivative: [0, 0, 0] });
        break;
      case 'attSp':
        data(ids.attSp, { timestamp: ts, yaw_sp_move_rate: s.yawRate, q_d: s.q, thrust_body: [0, 0, -s.thrust] });
        break;
      case 'rateSp':
        data(ids.rateSp, { timestamp: ts, roll: 0, pitch: 0, yaw: s.yawRate, thrust_body: [0, 0, -s.thrust] });
        data(ids.thrustSp, { timestamp: ts, timestamp_sample: ts - 100, xyz: [0, 0, -s.thrust] });
        break;
      case 'traj':
        data(ids.traj, { timestamp: ts, position: [s.x, s.y, s.z], velocity: [s.vx, s.vy, s.vz],
          acceleration: [NaN, NaN, NaN], jerk: [NaN, NaN, NaN], yaw: s.yaw, yawspeed: NaN });
        break;
      case 'sensors':
        data(ids.sensors, { timestamp: ts, gyro_rad: [0, 0, s.yawRate], gyro_integral_dt: 5000,
          accelerometer_timestamp_relative: 0, accelerometer_m_s2: [s.ax, s.ay, -g], accelerometer_integral_dt: 5000 });
        break;
      case 'triplet': {
        const sp = { timestamp: ts, lat: 47.397742, lon: 8.545594, x: s.x, y: s.y, z: s.z, vx: 0, vy: 0, vz: 0,
          alt: 490.5, yaw: s.yaw, valid: 1, type: 0, velocity_valid: 0, yaw_valid: 1 };
        data(ids.triplet, { timestamp: ts, previous: sp, current: { ...sp, type: 3 }, next: { ...sp, valid: 0 } });
        break;
      }
      default:
    }
  }
}
fs.writeFileSync(file, Buffer.concat(chunks));
process.stdout.write(JSON.stringify({ file, bytes: written, seconds, counts }) + '\n');
