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
//   node peer.mjs decode-tlog FILE
//       Decodes a .tlog with node-mavlink's MavLinkTLogPacketSplitter and prints one JSON line per packet, then a
//       summary line {"summary":true,...}.
import dgram from 'node:dgram';
import fs from 'node:fs';
import {
  MavLinkPacketSplitter, MavLinkTLogPacketSplitter, MavLinkPacketParser, MavLinkProtocolV2, MavLinkPacketSignature,
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
else if (command === 'autopilot') autopilot(opts);
else if (command === 'gcs') gcs(opts);
else {
  process.stderr.write('usage: node peer.mjs autopilot --kind px4|ardupilot --target host:port --out file.jsonl\n'
    + '       node peer.mjs gcs --target host:port --out file.jsonl   (requests as JSON lines on stdin)\n'
    + '       node peer.mjs decode-tlog FILE\n');
  process.exit(2);
}
