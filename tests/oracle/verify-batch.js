#!/usr/bin/env node
// Test oracle: verifies every proof of a directory against one verification key with snarkjs, in one process.
//
// usage: node tests/oracle/verify-batch.js <verification_key.json> <dir>
//   Each <dir>/X.proof.json is checked with its <dir>/X.public.json. Prints one line per proof, then a summary
//   with the elapsed time of the verification loop. Exit code 0 iff every proof is valid, 1 if any is not,
//   2 on a usage error or a directory without proofs.
"use strict";
const fs = require("fs");
const path = require("path");
const snarkjs = require("snarkjs");

const proofSuffix = ".proof.json";
const publicSuffix = ".public.json";

function readJson(file) {
    try {
        return JSON.parse(fs.readFileSync(file, "utf8"));
    } catch (e) {
        throw new Error(`${file}: ${e.message}`);
    }
}

async function main(argv) {
    if (argv.length !== 2) {
        console.error("usage: verify-batch.js <verification_key.json> <dir>");
        return 2;
    }
    const [vkPath, dir] = argv;
    const vk = readJson(vkPath);
    const names = fs.readdirSync(dir).filter((n) => n.endsWith(proofSuffix)).sort();
    if (names.length === 0) {
        console.error(`verify-batch.js: no *${proofSuffix} files in ${dir}`);
        return 2;
    }

    const started = process.hrtime.bigint();
    let valid = 0;
    for (const name of names) {
        const stem = name.slice(0, -proofSuffix.length);
        let reason = "";
        // snarkjs reports why a proof failed only through its logger.
        const logger = { error: (m) => { reason = m; }, warn: () => {}, info: () => {}, debug: () => {} };
        let ok = false;
        try {
            const proof = readJson(path.join(dir, name));
            const publicSignals = readJson(path.join(dir, stem + publicSuffix));
            ok = await snarkjs.groth16.verify(vk, publicSignals, proof, logger);
        } catch (e) {
            reason = e.message;
        }
        if (ok) valid++;
        console.log(`${stem}: ${ok ? "OK" : "INVALID" + (reason ? ` (${reason})` : "")}`);
    }
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    console.log(`verified ${names.length} proofs: ${valid} valid, ${names.length - valid} invalid, ${ms.toFixed(1)} ms`);
    return valid === names.length ? 0 : 1;
}

// snarkjs keeps curve worker threads alive, so the process must be ended explicitly.
main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e) => { console.error(`verify-batch.js: ${e.message}`); process.exit(2); });
