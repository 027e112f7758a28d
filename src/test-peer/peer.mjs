// Independent MAVLink peer for spikepilot's firmware-bridge tests, built on node-mavlink (not on our Java codec).
//
//   node peer.mjs autopilot --kind px4|ardupilot --target 127.0.0.1:PORT --out received.jsonl
//                 [--rate HZ] [--guid-options N] [--ignore-first-command] [--passphrase TEXT]
//       Plays a PX4-like or ArduPilot-like autopilot over UDP on 127.0.0.1: HEARTBEAT at 1 Hz, LOCAL_POSITION_NED and
//       ATTITUDE_QUATERNION at --rate Hz, COMMAND_ACK for 176/400/511, PARAM_VALUE for PARAM_REQUEST_READ/PARAM_SET.
//       Every received frame is appended to --out as one JSON line (with --passphrase: whether it was signed and
//       whether node-mavlink finds the signature valid for that key). Prints {"event":"listening","port":N} first.
//   node peer.mjs gcs --target 127.0.0.1:PORT --out received.jsonl
//       Plays a ground station against an autopilot (spikepilot's virtual flight controller): sends a GCS HEARTBEAT
//       at 1 Hz and, for each JSON line on stdin, one request: {"paramRead":"NAME"}, {"paramList":true},
//       {"setMode":N} (MAV_CMD_DO_SET_MODE, param2 N), {"arm":1|0}. Every frame received is decoded by node-mavlink
//       and appended to --out (HEARTBEAT with its autopilot, type, base and custom mode; STATUSTEXT; PARAM_VALUE;
//       COMMAND_ACK). Prints {"event":"listening","port":N} first; stops when stdin closes.
//   node peer.mjs write-tlog FILE [--seconds S] [--rate HZ] [--sysid N] [--passphrase TEXT] [--no-position]
//                 [--odometry] [--v1]
//       Writes a .tlog as a ground station records one (MAVProxy layout: the link id in the low two timestamp bits):
//       an ArduPilot-like vehicle (system --sysid, default 42, component 1) flying a 2 m circle at 3 m, sending
//       HEARTBEAT, SYS_STATUS, GPS_RAW_INT, VFR_HUD, ATTITUDE (Euler, no quaternion), LOCAL_POSITION_NED,
//       ATTITUDE_TARGET and POSITION_TARGET_LOCAL_NED on link 1, MAVLink 2 signed with --passphrase; the GCS's own
//       MAVLink 1 HEARTBEAT (system 255, component 190) on link 0; and a message no dialect defines (id 703710).
//       --odometry sends ODOMETRY (pose LOCAL_NED, twist BODY_FRD) instead of ATTITUDE and LOCAL_POSITION_NED;
//       --v1 makes the vehicle speak MAVLink 1 (unsigned; ODOMETRY, id 331, has no MAVLink 1 form).
//       Prints a JSON summary of what it wrote.
//   node peer.mjs decode-tlog FILE
//       Decodes a .tlog with node-mavlink's MavLinkTLogPacketSplitter and prints one JSON line per packet, then a
//       summary line {"summary":true,...}.
import dgram from 'node:dgram';
import fs from 'node:fs';
import {
  MavLinkPacketSplitter, MavLinkTLogPacketSplitter, MavLinkPacketParser, MavLinkProtocolV1, MavLinkProtocolV2,
  MavLinkPacketSignature,
  minimal, common, ardupilotmega,
} from 'node-mavlink';

const REGISTRY = { ...minimal.REGISTRY, ...common.REGISTRY, ...ardupilotmega.REGISTRY };

function args(argv) {
  const out = { _: [] };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i].startsWith('--')) {
      const key = argv[i].slice(2);
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('--')) out[key] = true; else { out[key] = next; i++; }
    } else out._.push(argv[i]);
  }
  return out;
}

const jsonSafe = (key, value) => (typeof value === 'bigint' ? Number(value) : value);

function decodeTlog(file) {
  const splitter = new MavLinkTLogPacketSplitter();
  const parser = new MavLinkPacketParser();
  const counts = {};
  let packets = 0;
  fs.createReadStream(file).pipe(splitter).pipe(parser);
  parser.on('data', (packet) => {
    packets++;
    const msgid = packet.header.msgid;
    counts[msgid] = (counts[msgid] || 0) + 1;
    const clazz = REGISTRY[msgid];
    const line = { msgid, sysid: packet.header.sysid, compid: packet.header.compid, seq: packet.header.seq,
      timestampMs: packet.header.timestamp === undefined || packet.header.timestamp === null
        ? null : Number(packet.header.timestamp), known: Boolean(clazz) };
    if (clazz && msgid === common.SetAttitudeTarget.MSG_ID) {
      const data = packet.protocol.data(packet.payload, clazz);
      line.thrust = data.thrust;
      line.q = data.q;
      line.typeMask = data.typeMask;
    }
    process.stdout.write(JSON.stringify(line, jsonSafe) + '\n');
  });
  parser.on('end', () => {
    process.stdout.write(JSON.stringify({ summary: true, packets, counts,
      invalid: splitter.invalidPackages, unknown: splitter.unknownPackagesCount }) + '\n');
  });
}

function writeTlog(file, opts) {
  const seconds = Number(opts.seconds || 20);
  const rateHz = Number(opts.rate || 50);
  const sysid = Number(opts.sysid || 42);
  const key = MavLinkPacketSignature.key(String(opts.passphrase || 'spikepilot-test'));
  const v1 = Boolean(opts.v1);
  const vehicle = v1 ? new MavLinkProtocolV1(sysid, 1) : new MavLinkProtocolV2(sysid, 1, MavLinkProtocolV2.IFLAG_SIGNED);
  const gcs = new MavLinkProtocolV1(255, 190);
  const startUs = 1_764_000_000_000_000; // 2025-11-24, a fixed date: the file is the same on every run
  const records = [];
  const counts = {};
  let vehicleSeq = 0;
  let gcsSeq = 0;
  const record = (tUs, linkId, frame, name) => {
    const stamp = Buffer.alloc(8);
    stamp.writeBigUInt64BE((BigInt(Math.round(tUs)) & ~3n) | BigInt(linkId));
    records.push(stamp, frame);
    counts[name] = (counts[name] || 0) + 1;
  };
  const fromVehicle = (tUs, msg) => {
    const plain = vehicle.serialize(msg, vehicleSeq);
    vehicleSeq = (vehicleSeq + 1) & 0xff;
    record(tUs, 1, v1 ? plain : vehicle.sign(plain, 1, key, Math.floor(tUs / 1000)), msg.constructor.MSG_NAME);
  };
  const fromGcs = (tUs, msg) => {
    record(tUs, 0, gcs.serialize(msg, gcsSeq), 'GCS_' + msg.constructor.MSG_NAME);
    gcsSeq = (gcsSeq + 1) & 0xff;
  };
  const unknownFrame = (tUs) => {
    // MAVLink 2 frame of message id 703710 with a 6-byte payload and a checksum nobody can verify
    const f = Buffer.from([0xfd, 6, 0, 0, vehicleSeq, sysid, 1, 0xde, 0xbc, 0x0a, 1, 2, 3, 4, 5, 6, 0x55, 0xaa]);
    vehicleSeq = (vehicleSeq + 1) & 0xff;
    record(tUs, 1, f, 'UNKNOWN_703710');
  };
  const radiusM = 2;
  const periodS = 20;
  const yawRad = 0.3;
  const stepUs = 1e6 / rateHz;
  for (let k = 0; k * stepUs < seconds * 1e6; k++) {
    const tUs = startUs + k * stepUs;
    const t = k * stepUs / 1e6;
    const w = 2 * Math.PI / periodS;
    const bootMs = Math.round(t * 1000);
    if (k % rateHz === 0) {
      const hb = new minimal.Heartbeat();
      hb.type = minimal.MavType.QUADROTOR;
      hb.autopilot = minimal.MavAutopilot.ARDUPILOTMEGA;
      hb.baseMode = minimal.MavModeFlag.CUSTOM_MODE_ENABLED | minimal.MavModeFlag.SAFETY_ARMED;
      hb.customMode = 5;
      hb.systemStatus = minimal.MavState.ACTIVE;
      hb.mavlinkVersion = 3;
      fromVehicle(tUs, hb);
      const gcsHb = new minimal.Heartbeat();
      gcsHb.type = minimal.MavType.GCS;
      gcsHb.autopilot = minimal.MavAutopilot.INVALID;
      gcsHb.mavlinkVersion = 3;
      fromGcs(tUs + 300, gcsHb);
      const sys = new common.SysStatus();
      sys.voltageBattery = 15800; sys.currentBattery = 1200; sys.batteryRemaining = 80;
      fromVehicle(tUs + 500, sys);
      const gps = new common.GpsRawInt();
      gps.timeUsec = BigInt(Math.round(t * 1e6)); gps.fixType = 3; gps.lat = 473977420; gps.lon = 85455940;
      gps.alt = 488000; gps.eph = 80; gps.epv = 120; gps.satellitesVisible = 14;
      fromVehicle(tUs + 700, gps);
      unknownFrame(tUs + 900);
    }
    const phase = w * t;
    const roll = 0.05 * Math.sin(phase);
    const pitch = -0.05 * Math.cos(phase);
    const att = new common.Attitude();
    att.timeBootMs = bootMs;
    att.roll = roll; att.pitch = pitch; att.yaw = yawRad;
    att.rollspeed = 0.05 * w * Math.cos(phase); att.pitchspeed = 0.05 * w * Math.sin(phase); att.yawspeed = 0;
    if (opts.odometry) {
      // ODOMETRY alone (as a vision/VIO estimator streams it): pose in LOCAL_NED, twist in BODY_FRD
      const cr0 = Math.cos(roll / 2), sr0 = Math.sin(roll / 2), cp0 = Math.cos(pitch / 2), sp0 = Math.sin(pitch / 2);
      const cy0 = Math.cos(yawRad / 2), sy0 = Math.sin(yawRad / 2);
      const q = [cr0 * cp0 * cy0 + sr0 * sp0 * sy0, sr0 * cp0 * cy0 - cr0 * sp0 * sy0, cr0 * sp0 * cy0 + sr0 * cp0 * sy0,
        cr0 * cp0 * sy0 - sr0 * sp0 * cy0];
      const vWorld = [-radiusM * w * Math.sin(phase), radiusM * w * Math.cos(phase), 0];
      // body = conjugate(q) * world * q
      const [qw, qx, qy, qz] = q;
      const rot = [[1 - 2 * (qy * qy + qz * qz), 2 * (qx * qy - qw * qz), 2 * (qx * qz + qw * qy)],
        [2 * (qx * qy + qw * qz), 1 - 2 * (qx * qx + qz * qz), 2 * (qy * qz - qw * qx)],
        [2 * (qx * qz - qw * qy), 2 * (qy * qz + qw * qx), 1 - 2 * (qx * qx + qy * qy)]];
      const vBody = [0, 1, 2].map((i) => rot[0][i] * vWorld[0] + rot[1][i] * vWorld[1] + rot[2][i] * vWorld[2]);
      const od = new common.Odometry();
      od.timeUsec = BigInt(Math.round(t * 1e6));
      od.frameId = common.MavFrame.LOCAL_NED;
      od.childFrameId = common.MavFrame.BODY_FRD;
      od.x = radiusM * Math.cos(phase); od.y = radiusM * Math.sin(phase); od.z = -3;
      od.q = q;
      [od.vx, od.vy, od.vz] = vBody;
      od.rollspeed = att.rollspeed; od.pitchspeed = att.pitchspeed; od.yawspeed = 0;
      od.poseCovariance = new Array(21).fill(NaN);
      od.velocityCovariance = new Array(21).fill(NaN);
      od.resetCounter = 0; od.estimatorType = 0; od.quality = 100;
      fromVehicle(tUs + 1000, od);
    } else {
      fromVehicle(tUs + 1000, att);
    }
    if (!opts['no-position'] && !opts.odometry) {
      const lp = new common.LocalPositionNed();
      lp.timeBootMs = bootMs;
      lp.x = radiusM * Math.cos(phase); lp.y = radiusM * Math.sin(phase); lp.z = -3;
      lp.vx = -radiusM * w * Math.sin(phase); lp.vy = radiusM * w * Math.cos(phase); lp.vz = 0;
      fromVehicle(tUs + 1500, lp);
    }
    const target = new common.AttitudeTarget();
    target.timeBootMs = bootMs;
    target.typeMask = 0;
    const cr = Math.cos(roll / 2), sr = Math.sin(roll / 2), cp = Math.cos(pitch / 2), sp = Math.sin(pitch / 2);
    const cy = Math.cos(yawRad / 2), sy = Math.sin(yawRad / 2);
    target.q = [cr * cp * cy + sr * sp * sy, sr * cp * cy - cr * sp * sy, cr * sp * cy + sr * cp * sy,
      cr * cp * sy - sr * sp * cy];
    target.bodyRollRate = 0; target.bodyPitchRate = 0; target.bodyYawRate = 0;
    target.thrust = 0.45;
    target.thrustBody = [0, 0, 0];
    fromVehicle(tUs + 2000, target);
    if (k % 5 === 0) {
      const pt = new common.PositionTargetLocalNed();
      pt.timeBootMs = bootMs;
      pt.coordinateFrame = common.MavFrame.LOCAL_NED;
      pt.typeMask = 0b0000_1111_1111_1000; // position only (velocity, acceleration, yaw rate ignored), yaw used
      pt.x = radiusM * Math.cos(phase); pt.y = radiusM * Math.sin(phase); pt.z = -3; pt.yaw = yawRad;
      fromVehicle(tUs + 2500, pt);
    }
  }
  fs.writeFileSync(file, Buffer.concat(records));
  process.stdout.write(JSON.stringify({ file, sysid, records: records.length / 2, counts }) + '\n');
}

function autopilot(opts) {
  const kind = opts.kind === 'ardupilot' ? 'ardupilot' : 'px4';
  const [targetHost, targetPortText] = String(opts.target).split(':');
  const target = { host: targetHost, port: Number(targetPortText) };
  const outFile = opts.out;
  const protocol = new MavLinkProtocolV2(1, 1);
  const socket = dgram.createSocket('udp4');
  const splitter = new MavLinkPacketSplitter();
  const parser = new MavLinkPacketParser();
  splitter.pipe(parser);

  let seq = 0;
  let armed = false;
  // PX4: main mode in bits 16..23 of custom_mode, starting in POSCTL (3). ArduPilot Copter: STABILIZE (0).
  let customMode = kind === 'px4' ? (3 << 16) : 0;
  const params = { GUID_OPTIONS: Number(opts['guid-options'] || 0) };
  const intervalsUs = { [common.LocalPositionNed.MSG_ID]: 1e6 / Number(opts.rate || 50),
    [common.AttitudeQuaternion.MSG_ID]: 1e6 / Number(opts.rate || 50) };
  const setpointTimes = [];
  let ignoreNextCommand = Boolean(opts['ignore-first-command']);
  const started = Date.now();
  const signingKey = opts.passphrase ? MavLinkPacketSignature.key(String(opts.passphrase)) : null;

  const record = (obj) => fs.appendFileSync(outFile, JSON.stringify({ tMs: Date.now() - started, ...obj }, jsonSafe) + '\n');
  const send = (msg) => {
    const buffer = protocol.serialize(msg, seq);
    seq = (seq + 1) & 0xff;
    socket.send(buffer, target.port, target.host);
  };

  const heartbeat = () => {
    const m = new minimal.Heartbeat();
    m.type = minimal.MavType.QUADROTOR;
    m.autopilot = kind === 'px4' ? minimal.MavAutopilot.PX4 : minimal.MavAutopilot.ARDUPILOTMEGA;
    m.baseMode = minimal.MavModeFlag.CUSTOM_MODE_ENABLED | (armed ? minimal.MavModeFlag.SAFETY_ARMED : 0);
    m.customMode = customMode;
    m.systemStatus = armed ? minimal.MavState.ACTIVE : minimal.MavState.STANDBY;
    m.mavlinkVersion = 3;
    send(m);
  };
  const bootMs = () => Date.now() - started;
  const localPosition = () => {
    const m = new common.LocalPositionNed();
    m.timeBootMs = bootMs();
    m.x = 1.5; m.y = -2.0; m.z = -3.0; m.vx = 0.25; m.vy = 0.5; m.vz = -0.125;
    send(m);
  };
  const attitudeQuaternion = () => {
    const m = new common.AttitudeQuaternion();
    m.timeBootMs = bootMs();
    // Facing east: yaw +90 degrees about NED down.
    m.q1 = Math.SQRT1_2; m.q2 = 0; m.q3 = 0; m.q4 = Math.SQRT1_2;
    m.rollspeed = 0.0625; m.pitchspeed = -0.125; m.yawspeed = 0.25;
    m.reprOffsetQ = [0, 0, 0, 0];
    send(m);
  };
  const streams = {};
  const schedule = (msgid, fn) => {
    if (streams[msgid]) clearInterval(streams[msgid]);
    const us = intervalsUs[msgid];
    if (us > 0) streams[msgid] = setInterval(fn, Math.max(1, Math.round(us / 1000)));
  };
  const producers = { [common.LocalPositionNed.MSG_ID]: localPosition,
    [common.AttitudeQuaternion.MSG_ID]: attitudeQuaternion };
  const ack = (command, result) => {
    const m = new common.CommandAck();
    m.command = command; m.result = result; m.progress = 0; m.resultParam2 = 0;
    m.targetSystem = 1; m.targetComponent = 191;
    send(m);
  };
  const paramValue = (name) => {
    const m = new common.ParamValue();
    m.paramId = name; m.paramValue = params[name]; m.paramType = common.MavParamType.INT32;
    m.paramCount = Object.keys(params).length; m.paramIndex = 0;
    send(m);
  };
  const setpointsStreaming = () => {
    const now = Date.now();
    const recent = setpointTimes.filter((t) => now - t <= 1000);
    return recent.length >= 3; // PX4 wants a stream faster than 2 Hz before OFFBOARD
  };

  parser.on('data', (packet) => {
    const clazz = REGISTRY[packet.header.msgid];
    if (!clazz) { record({ msgid: packet.header.msgid, unknown: true }); return; }
    const data = packet.protocol.data(packet.payload, clazz);
    const head = { msgid: packet.header.msgid, sysid: packet.header.sysid, compid: packet.header.compid,
      seq: packet.header.seq, version: packet.protocol.constructor.PROTOCOL_VERSION || null };
    if (signingKey) {
      head.signed = Boolean(packet.signature);
      head.signatureValid = Boolean(packet.signature && packet.signature.matches(signingKey));
      if (packet.signature) {
        head.signatureLinkId = packet.signature.linkId;
        head.signatureTimestamp = packet.signature.timestamp;
      }
    }
    switch (packet.header.msgid) {
      case minimal.Heartbeat.MSG_ID:
        record({ ...head, type: 'HEARTBEAT', mavType: data.type, autopilot: data.autopilot,
          systemStatus: data.systemStatus });
        break;
      case common.SetAttitudeTarget.MSG_ID:
        setpointTimes.push(Date.now());
        if (setpointTimes.length > 200) setpointTimes.shift();
        record({ ...head, type: 'SET_ATTITUDE_TARGET', timeBootMs: data.timeBootMs, targetSystem: data.targetSystem,
          targetComponent: data.targetComponent, typeMask: data.typeMask, q: data.q, bodyRollRate: data.bodyRollRate,
          bodyPitchRate: data.bodyPitchRate, bodyYawRate: data.bodyYawRate, thrust: data.thrust,
          thrustBody: data.thrustBody });
        break;
      case common.CommandLong.MSG_ID: {
        const p = [data._param1, data._param2, data._param3, data._param4, data._param5, data._param6, data._param7];
        record({ ...head, type: 'COMMAND_LONG', command: data.command, confirmation: data.confirmation, params: p });
        if (ignoreNextCommand) { ignoreNextCommand = false; break; }
        if (data.command === common.MavCmd.DO_SET_MODE) {
          if (kind === 'px4' && p[1] === 6 && !setpointsStreaming()) { ack(data.command, common.MavResult.DENIED); break; }
          customMode = kind === 'px4' ? (p[1] << 16) : p[1];
          ack(data.command, common.MavResult.ACCEPTED);
        } else if (data.command === common.MavCmd.COMPONENT_ARM_DISARM) {
          armed = p[0] === 1;
          ack(data.command, common.MavResult.ACCEPTED);
        } else if (data.command === common.MavCmd.SET_MESSAGE_INTERVAL) {
          const msgid = p[0];
          if (producers[msgid]) {
            intervalsUs[msgid] = p[1];
            schedule(msgid, producers[msgid]);
            ack(data.command, common.MavResult.ACCEPTED);
          } else ack(data.command, common.MavResult.UNSUPPORTED);
        } else ack(data.command, common.MavResult.UNSUPPORTED);
        heartbeat(); // report the new mode / armed state at once, as both stacks do
        break;
      }
      case common.ParamRequestRead.MSG_ID:
        record({ ...head, type: 'PARAM_REQUEST_READ', paramId: data.paramId });
        if (data.paramId in params) paramValue(data.paramId);
        break;
      case common.ParamSet.MSG_ID:
        record({ ...head, type: 'PARAM_SET', paramId: data.paramId, paramValue: data.paramValue });
        if (data.paramId in params) { params[data.paramId] = data.paramValue; paramValue(data.paramId); }
        break;
      default:
        record({ ...head, type: clazz.MSG_NAME || String(packet.header.msgid) });
    }
  });

  socket.on('message', (buffer) => splitter.write(buffer));
  socket.bind(0, '127.0.0.1', () => {
    process.stdout.write(JSON.stringify({ event: 'listening', port: socket.address().port, kind }) + '\n');
    heartbeat();
    setInterval(heartbeat, 1000);
    for (const id of Object.keys(producers)) schedule(Number(id), producers[id]);
  });
  const stop = () => { socket.close(); process.exit(0); };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  process.stdin.on('end', stop);
  process.stdin.resume();
}

function gcs(opts) {
  const [targetHost, targetPortText] = String(opts.target).split(':');
  const target = { host: targetHost, port: Number(targetPortText) };
  const protocol = new MavLinkProtocolV2(255, 190); // a ground station: SYSID_MYGCS 255, MAV_COMP_ID_MISSIONPLANNER
  const socket = dgram.createSocket('udp4');
  const splitter = new MavLinkPacketSplitter();
  const parser = new MavLinkPacketParser();
  splitter.pipe(parser);
  let seq = 0;
  const started = Date.now();
  const record = (obj) => fs.appendFileSync(opts.out,
    JSON.stringify({ tMs: Date.now() - started, ...obj }, jsonSafe) + '\n');
  const send = (msg) => {
    socket.send(protocol.serialize(msg, seq), target.port, target.host);
    seq = (seq + 1) & 0xff;
  };
  const heartbeat = () => {
    const m = new minimal.Heartbeat();
    m.type = minimal.MavType.GCS;
    m.autopilot = minimal.MavAutopilot.INVALID;
    m.baseMode = 0; m.customMode = 0; m.systemStatus = minimal.MavState.ACTIVE; m.mavlinkVersion = 3;
    send(m);
  };
  const commandLong = (command, p1, p2) => {
    const m = new common.CommandLong();
    m.targetSystem = 1; m.targetComponent = 1; m.command = command; m.confirmation = 0;
    m._param1 = p1; m._param2 = p2; m._param3 = 0; m._param4 = 0; m._param5 = 0; m._param6 = 0; m._param7 = 0;
    send(m);
  };
  parser.on('data', (packet) => {
    const clazz = REGISTRY[packet.header.msgid];
    if (!clazz) { record({ msgid: packet.header.msgid, unknown: true }); return; }
    const data = packet.protocol.data(packet.payload, clazz);
    const head = { msgid: packet.header.msgid, sysid: packet.header.sysid, compid: packet.header.compid };
    switch (packet.header.msgid) {
      case minimal.Heartbeat.MSG_ID:
        record({ ...head, type: 'HEARTBEAT', mavType: data.type, autopilot: data.autopilot, baseMode: data.baseMode,
          customMode: data.customMode, systemStatus: data.systemStatus });
        break;
      case common.StatusText.MSG_ID:
        record({ ...head, type: 'STATUSTEXT', severity: data.severity, text: data.text });
        break;
      case common.ParamValue.MSG_ID:
        record({ ...head, type: 'PARAM_VALUE', paramId: data.paramId, paramValue: data.paramValue,
          paramType: data.paramType, paramCount: data.paramCount, paramIndex: data.paramIndex });
        break;
      case common.CommandAck.MSG_ID:
        record({ ...head, type: 'COMMAND_ACK', command: data.command, result: data.result });
        break;
      default:
        break; // the state streams: not needed by these tests
    }
  });
  const act = (line) => {
    if (!line.trim()) return;
    const a = JSON.parse(line);
    if (a.paramRead !== undefined) {
      const m = new common.ParamRequestRead();
      m.targetSystem = 1; m.targetComponent = 1; m.paramId = String(a.paramRead); m.paramIndex = -1;
      send(m);
    } else if (a.paramList) {
      const m = new common.ParamRequestList();
      m.targetSystem = 1; m.targetComponent = 1;
      send(m);
    } else if (a.setMode !== undefined) {
      commandLong(common.MavCmd.DO_SET_MODE, 1, Number(a.setMode));
    } else if (a.arm !== undefined) {
      commandLong(common.MavCmd.COMPONENT_ARM_DISARM, Number(a.arm), 0);
    }
  };
  socket.on('message', (buffer) => splitter.write(buffer));
  socket.bind(0, '127.0.0.1', () => {
    process.stdout.write(JSON.stringify({ event: 'listening', port: socket.address().port }) + '\n');
    heartbeat();
    setInterval(heartbeat, 1000);
  });
  let pending = '';
  process.stdin.setEncoding('utf8');
  process.stdin.on('data', (chunk) => {
    pending += chunk;
    let nl;
    while ((nl = pending.indexOf('\n')) >= 0) {
      act(pending.slice(0, nl));
      pending = pending.slice(nl + 1);
    }
  });
  const stop = () => { socket.close(); process.exit(0); };
  process.stdin.on('end', stop);
  process.on('SIGTERM', stop);
}

const opts = args(process.argv.slice(2));
const command = opts._[0];
if (command === 'decode-tlog') decodeTlog(opts._[1]);
else if (command === 'write-tlog') writeTlog(opts._[1], opts);
else if (command === 'autopilot') autopilot(opts);
else if (command === 'gcs') gcs(opts);
else {
  process.stderr.write('usage: node peer.mjs autopilot --kind px4|ardupilot --target host:port --out file.jsonl\n'
    + '       node peer.mjs gcs --target host:port --out file.jsonl   (requests as JSON lines on stdin)\n'
    + '       node peer.mjs write-tlog FILE [--seconds S] [--rate HZ] [--sysid N] [--passphrase TEXT]\n'
    + '       node peer.mjs decode-tlog FILE\n');
  process.exit(2);
}
