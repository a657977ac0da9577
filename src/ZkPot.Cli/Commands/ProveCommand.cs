using System.CommandLine;
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
    public static Command Create()
    {
        var zkey = Options.RequiredText("--zkey", "the proving key (.zkey, snarkjs layout)", "ZKEY");
        var witness = Options.RequiredText("--witness", "the witness (.wtns, as circom's witness generator writes it)", "WTNS");
        var proof = Options.RequiredText("--proof", "where to write the proof (snarkjs proof.json)", "PROOF");
        var pub = Options.RequiredText("--public", "where to write the public signals (snarkjs public.json)", "PUBLIC");
        var r1cs = Options.OptionalText("--r1cs", "the circuit (.r1cs): checked against the witness first, naming the first failing constraint",
            "none: the proof is still checked before it is written", "R1CS");
        var engine = Options.Choice("--engine", "where the MSMs and NTTs run (gpu needs a CUDA device; auto uses one when present)",
            "cpu", [.. ProverEngine.Names]);
        var timing = Options.Flag("--timing", "print how long reading and proving took");
        var command = new Command("prove", "a Groth16 proof from a snarkjs-format key and witness, checked against the key before it is written")
        {
            zkey, witness, proof, pub, r1cs, engine, timing,
        };
        command.SetAction(p => Run(p.GetRequiredValue(zkey), p.GetRequiredValue(witness), p.GetRequiredValue(proof), p.GetRequiredValue(pub),
            p.GetValue(r1cs), p.GetValue(timing), ProverEngine.Parse(p.GetRequiredValue(engine)), p.Output()));
        return command;
    }

    static int Run(string zkeyPath, string witnessPath, string proofPath, string publicPath, string? r1csPath, bool timing,
        EngineKind engineKind, TextWriter stdout)
    {
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
