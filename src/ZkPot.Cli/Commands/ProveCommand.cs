using System.Diagnostics;
using ZkPot.Gpu;
using ZkPot.Snark.Formats;
using ZkPot.Snark.Groth16;
using ZkPot.Snark.Json;

namespace ZkPot.Cli.Commands;

/// <summary>
/// `zkpot prove --zkey ZKEY --witness W.wtns --proof proof.json --public public.json [--r1cs R1CS]
/// [--engine cpu|gpu|auto]`: a Groth16 proof from a snarkjs-format key and witness, its MSMs and NTTs on the chosen
/// engine (default cpu; gpu needs a CUDA device, auto uses one when present). Every proof is checked against the
/// key's own verifying key before it is written, so a witness that does not satisfy the circuit never yields files;
/// with --r1cs the first failing constraint is named.
/// </summary>
public static class ProveCommand
{
    public static int Run(Args args, TextWriter stdout)
    {
        string zkeyPath = args.Required("zkey");
        string witnessPath = args.Required("witness");
        string proofPath = args.Required("proof");
        string publicPath = args.Required("public");
        string? r1csPath = args.Optional("r1cs");
        bool timing = args.Flag("timing");
        var engineKind = ProverEngine.Parse(args.Optional("engine") ?? "cpu");
        args.RejectUnknown();
        if (engineKind == EngineKind.Gpu && !GpuDevice.CudaAvailable)
            throw new UsageException("--engine gpu needs a CUDA device and none was found (no NVIDIA driver, or no GPU visible); use --engine cpu or auto");

        var clock = Stopwatch.StartNew();
        var zkey = ZKeyReader.Read(zkeyPath);
        var witness = WitnessReader.Read(witnessPath).Values.ToArray();
        var readTime = clock.Elapsed;
        if (witness.Length != zkey.Header.NVars)
            throw new InvalidDataException($"{witnessPath}: witness has {witness.Length} values, {zkeyPath} is for {zkey.Header.NVars} wires");
        if (r1csPath is not null)
        {
            var r1cs = R1csReader.Read(r1csPath);
            if (r1cs.NWires != zkey.Header.NVars || r1cs.NPublic != zkey.Header.NPublic)
                throw new InvalidDataException($"{r1csPath}: circuit has {r1cs.NWires} wires and {r1cs.NPublic} public signals, the key {zkey.Header.NVars} and {zkey.Header.NPublic}");
            int bad = r1cs.FirstUnsatisfiedConstraint(witness);
            if (bad >= 0) throw new InvalidDataException($"{witnessPath}: witness does not satisfy constraint {bad} of {r1csPath}");
        }

        using var engine = ProverEngine.Create(engineKind);
        clock.Restart();
        var proof = new Groth16Prover(engine.Msm, engine.Ntt).Prove(zkey, witness);
        var proveTime = clock.Elapsed;
        var pub = Groth16Prover.PublicSignals(zkey, witness);
        var vk = VerifyingKey.Create(zkey.Header.Alpha1, zkey.Header.Beta2, zkey.Header.Gamma2, zkey.Header.Delta2, zkey.IC.ToArray());
        if (!Groth16Verifier.Verify(vk, pub, proof))
            throw new InvalidDataException($"{witnessPath}: witness does not satisfy the circuit of {zkeyPath} (the proof does not verify; pass --r1cs to name the first failing constraint)");

        SnarkjsJson.WriteProof(proofPath, proof);
        SnarkjsJson.WritePublic(publicPath, pub);
        if (timing) stdout.WriteLine($"read {readTime.TotalMilliseconds:F0} ms, prove {proveTime.TotalMilliseconds:F0} ms on {engine.Description}");
        return 0;
    }
}
