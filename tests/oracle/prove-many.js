#!/usr/bin/env node
// Test oracle: proves many inputs with snarkjs in ONE node process, so a fixture of 64 proofs costs one start-up
// of snarkjs and its curve workers instead of 64.
//
// usage: node tests/oracle/prove-many.js <circuit.wasm> <circuit.zkey> <inputs.json> <out dir>
//   inputs.json: a JSON array of circuit input objects. Proof i is written as <out dir>/NNN.proof.json and
//   <out dir>/NNN.public.json, NNN being i with three digits, the layout `zkpot verify --batch` reads.
"use strict";
const fs = require("fs");
const path = require("path");
const snarkjs = require("snarkjs");

async function main(argv) {
    if (argv.length !== 4) {
        console.error("usage: prove-many.js <circuit.wasm> <circuit.zkey> <inputs.json> <out dir>");
        return 2;
    }
    const [wasmPath, zkeyPath, inputsPath, outDir] = argv;
    const inputs = JSON.parse(fs.readFileSync(inputsPath, "utf8"));
    if (!Array.isArray(inputs) || inputs.length === 0 || inputs.length > 1000) {
        console.error(`prove-many.js: ${inputsPath} must hold a JSON array of 1 to 1000 input objects`);
        return 2;
    }
    // Read once: snarkjs accepts in-memory files, which spares re-reading the key for every proof.
    const wasm = new Uint8Array(fs.readFileSync(wasmPath));
    const zkey = new Uint8Array(fs.readFileSync(zkeyPath));
    fs.mkdirSync(outDir, { recursive: true });

    const started = process.hrtime.bigint();
    for (let i = 0; i < inputs.length; i++) {
        const wtns = { type: "mem" };
        try {
            await snarkjs.wtns.calculate(inputs[i], wasm, wtns);
        } catch (e) {
            console.error(`prove-many.js: witness for input ${i} of ${inputsPath} failed: ${e.message}`);
            return 1;
        }
        const { proof, publicSignals } = await snarkjs.groth16.prove(zkey, wtns);
        const stem = path.join(outDir, String(i).padStart(3, "0"));
        fs.writeFileSync(`${stem}.proof.json`, JSON.stringify(proof, null, 1));
        fs.writeFileSync(`${stem}.public.json`, JSON.stringify(publicSignals, null, 1));
    }
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    console.log(`proved ${inputs.length} inputs in ${ms.toFixed(0)} ms`);
    return 0;
}

// snarkjs keeps curve worker threads alive, so the process must be ended explicitly.
main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e) => { console.error(`prove-many.js: ${e.stack || e}`); process.exit(1); });
