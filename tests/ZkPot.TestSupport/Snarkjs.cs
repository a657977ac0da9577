using System.Text.Json;
using System.Text.RegularExpressions;

namespace ZkPot.TestSupport;

/// <summary>
/// The test oracle: circom and snarkjs run as node child processes, with every artifact cached under .build/oracle
/// (see <see cref="OracleCache"/>) and keyed by the contents of its inputs, so repeated and parallel runs reuse it.
/// </summary>
public static partial class Snarkjs
{
    // One phase-2 contribution makes the key realistic (delta differs from the ptau's); fixed entropy spares the prompt.
    const string ContributionName = "zkpot oracle fixture";
    const string ContributionEntropy = "zkpot oracle fixture entropy, not secret, for tests only";

    static string SnarkjsCli => Path.Combine(RepoPaths.NodeModules, "snarkjs", "build", "cli.cjs");
    static string CircomCli => Path.Combine(RepoPaths.NodeModules, "circom2", "cli.js");

    /// <summary>Runs the snarkjs command line with the given arguments; throws unless it exits with 0.</summary>
    public static ProcessOutput Run(params string[] arguments) => NodeProcess.RunChecked([Tool(SnarkjsCli), .. arguments]);

    /// <summary>Compiles a circom circuit (which must lie under the repository root) to .r1cs and .wasm.</summary>
    public static CompiledCircuit Compile(string circuitPath)
    {
        var source = Path.GetFullPath(circuitPath);
        if (!File.Exists(source))
            throw new FileNotFoundException($"circuit not found: {source}", source);
        var relative = Path.GetRelativePath(RepoPaths.Root, source);
        // circom2 is WebAssembly and sees only the working directory's tree.
        if (relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative))
            throw new ArgumentException($"circuit {source} must lie under the repository root {RepoPaths.Root}", nameof(circuitPath));

        var stem = Path.GetFileNameWithoutExtension(source);
        var key = new CacheKeyBuilder().Add("compile").AddFile(Path.Combine(RepoPaths.NodeModules, "circom2", "package.json"));
        foreach (var file in SourceClosure(source))
            key.Add(Path.GetFileName(file)).AddFile(file);

        var dir = OracleCache.GetOrCreate($"{stem}-r1cs", key.ToString(), temp =>
        {
            var output = NodeProcess.RunChecked([
                Tool(CircomCli), relative, "--r1cs", "--wasm", "--sym",
                "-l", Path.GetRelativePath(RepoPaths.Root, RepoPaths.Circuits),
                "-o", Path.GetRelativePath(RepoPaths.Root, temp)]);
            // circom has exited with 0 after reporting errors in some versions; the files are the real verdict.
            if (!File.Exists(Path.Combine(temp, stem + ".r1cs")))
                throw new OracleException($"circom wrote no {stem}.r1cs for {source}; its output: {output.Stdout} {output.Stderr}");
        });
        return new CompiledCircuit(Path.Combine(dir, stem + ".r1cs"), Path.Combine(dir, stem + "_js", stem + ".wasm"));
    }

    /// <summary>Groth16 setup for an r1cs plus one phase-2 contribution; returns the final .zkey. The ptau defaults to the smallest test ptau that holds the circuit (<see cref="PtauFixtures.For"/>).</summary>
    public static string Setup(string r1csPath, string? ptauPath = null)
    {
        var ptau = ptauPath ?? PtauFixtures.For(r1csPath);
        var stem = Path.GetFileNameWithoutExtension(r1csPath);
        var key = new CacheKeyBuilder().Add("setup").Add(ContributionEntropy).AddFile(SnarkjsPackage)
            .AddFile(r1csPath).AddFile(ptau).ToString();
        var dir = OracleCache.GetOrCreate($"{stem}-zkey", key, temp =>
        {
            var initial = Path.Combine(temp, stem + "_0000.zkey");
            Run("groth16", "setup", r1csPath, ptau, initial);
            Run("zkey", "contribute", initial, Path.Combine(temp, stem + ".zkey"),
                "--name=" + ContributionName, "-e=" + ContributionEntropy);
            File.Delete(initial);
        });
        return Path.Combine(dir, stem + ".zkey");
    }

    /// <summary>Exports verification_key.json from a .zkey.</summary>
    public static string ExportVk(string zkeyPath)
    {
        var stem = Path.GetFileNameWithoutExtension(zkeyPath);
        var key = new CacheKeyBuilder().Add("vk").AddFile(SnarkjsPackage).AddFile(zkeyPath).ToString();
        var dir = OracleCache.GetOrCreate($"{stem}-vk", key, temp =>
            Run("zkey", "export", "verificationkey", zkeyPath, Path.Combine(temp, "verification_key.json")));
        return Path.Combine(dir, "verification_key.json");
    }

    /// <summary>Computes the .wtns of a circuit for one input, given as a JSON object of decimal strings.</summary>
    public static string Witness(string wasmPath, string inputJson)
    {
        RequireJsonObject(inputJson, "circuit input");
        var stem = Path.GetFileNameWithoutExtension(wasmPath);
        var key = new CacheKeyBuilder().Add("wtns").AddFile(SnarkjsPackage).AddFile(wasmPath).Add(inputJson).ToString();
        var dir = OracleCache.GetOrCreate($"{stem}-wtns", key, temp =>
        {
            var input = Path.Combine(temp, "input.json");
            File.WriteAllText(input, inputJson);
            Run("wtns", "calculate", wasmPath, input, Path.Combine(temp, stem + ".wtns"));
        });
        return Path.Combine(dir, stem + ".wtns");
    }

    /// <summary>Makes a Groth16 proof; returns proof.json and public.json (public outputs first, then public inputs).</summary>
    public static ProofFiles Prove(string zkeyPath, string wtnsPath)
    {
        var stem = Path.GetFileNameWithoutExtension(zkeyPath);
        var key = new CacheKeyBuilder().Add("prove").AddFile(SnarkjsPackage).AddFile(zkeyPath).AddFile(wtnsPath).ToString();
        var dir = OracleCache.GetOrCreate($"{stem}-proof", key, temp =>
            Run("groth16", "prove", zkeyPath, wtnsPath, Path.Combine(temp, "proof.json"), Path.Combine(temp, "public.json")));
        return new ProofFiles(Path.Combine(dir, "proof.json"), Path.Combine(dir, "public.json"));
    }

    /// <summary>
    /// snarkjs's verdict on a proof: true for "OK!" (exit 0), false for a rejected proof (exit 1); any other outcome,
    /// such as an unreadable file, throws <see cref="OracleException"/> rather than pass for a rejection.
    /// </summary>
    public static bool Verify(string vkPath, string publicPath, string proofPath)
    {
        foreach (var path in new[] { vkPath, publicPath, proofPath })
        {
            if (!File.Exists(path))
                throw new FileNotFoundException($"cannot verify: {path} does not exist", path);
        }
        string[] arguments = [Tool(SnarkjsCli), "groth16", "verify", vkPath, publicPath, proofPath];
        var output = NodeProcess.Run(arguments);
        var text = output.Stdout + "\n" + output.Stderr;
        if (output.ExitCode == 0 && text.Contains("OK!", StringComparison.Ordinal))
            return true;
        if (output.ExitCode == 1 && RejectionMessage().IsMatch(text))
            return false;
        throw NodeProcess.Failure(arguments, output);
    }

    /// <summary>
    /// Compiles a circuit, sets it up, exports its key and proves every input (JSON objects) in one node process;
    /// the result lands in <c>.build/oracle/NAME-KEY/</c>, keyed by the circuit, its key and the inputs.
    /// </summary>
    public static OracleFixture Fixture(string circuitPath, IReadOnlyList<string> inputsJson)
    {
        if (inputsJson.Count is 0 or > 999)
            throw new ArgumentOutOfRangeException(nameof(inputsJson), inputsJson.Count, "a fixture holds 1 to 999 proofs");
        for (var i = 0; i < inputsJson.Count; i++)
            RequireJsonObject(inputsJson[i], $"input {i}");

        var circuit = Compile(circuitPath);
        var zkey = Setup(circuit.R1cs);
        var vk = ExportVk(zkey);
        var name = Path.GetFileNameWithoutExtension(circuitPath);
        var proveMany = Path.Combine(RepoPaths.OracleScripts, "prove-many.js");
        var inputsArray = "[\n" + string.Join(",\n", inputsJson) + "\n]\n";
        var key = new CacheKeyBuilder().Add("fixture").AddFile(proveMany).AddFile(circuit.Wasm).AddFile(zkey)
            .AddFile(vk).Add(inputsArray).ToString();

        var dir = OracleCache.GetOrCreate(name, key, temp =>
        {
            var inputs = Path.Combine(temp, "inputs.json");
            File.WriteAllText(inputs, inputsArray);
            File.Copy(vk, Path.Combine(temp, "verification_key.json"));
            NodeProcess.RunChecked([Tool(proveMany), circuit.Wasm, zkey, inputs, Path.Combine(temp, "batch")]);
        });

        var batch = Path.Combine(dir, "batch");
        var proofs = new ProofFiles[inputsJson.Count];
        for (var i = 0; i < proofs.Length; i++)
        {
            var stem = Path.Combine(batch, i.ToString("D3", System.Globalization.CultureInfo.InvariantCulture));
            proofs[i] = new ProofFiles(stem + ".proof.json", stem + ".public.json");
        }
        return new OracleFixture(name, dir, circuit.R1cs, circuit.Wasm, zkey, Path.Combine(dir, "verification_key.json"),
            batch, inputsJson.ToArray(), proofs);
    }

    static string SnarkjsPackage => Path.Combine(RepoPaths.NodeModules, "snarkjs", "package.json");

    static string Tool(string script) => File.Exists(script)
        ? script
        : throw new OracleException($"{script} is missing; run `npm ci` in {RepoPaths.Root} (scripts/test does it)");

    static void RequireJsonObject(string json, string what)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                throw new ArgumentException($"{what} must be a JSON object, got {document.RootElement.ValueKind}: {json}");
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"{what} is not valid JSON ({e.Message}): {json}", e);
        }
    }

    /// <summary>The source file and every file it includes, transitively, so that editing an include rebuilds.</summary>
    static List<string> SourceClosure(string source)
    {
        var seen = new List<string>();
        var pending = new Stack<string>([source]);
        while (pending.TryPop(out var file))
        {
            if (seen.Contains(file))
                continue;
            seen.Add(file);
            foreach (Match include in IncludeDirective().Matches(File.ReadAllText(file)))
            {
                var name = include.Groups[1].Value;
                var candidates = new[] { Path.Combine(Path.GetDirectoryName(file)!, name), Path.Combine(RepoPaths.Circuits, name) };
                var found = candidates.Select(Path.GetFullPath).FirstOrDefault(File.Exists)
                    ?? throw new FileNotFoundException($"{file} includes \"{name}\", found neither beside it nor in {RepoPaths.Circuits}");
                pending.Push(found);
            }
        }
        seen.Sort(StringComparer.Ordinal);
        return seen;
    }

    [GeneratedRegex(@"^\s*include\s+""([^""]+)""", RegexOptions.Multiline)]
    private static partial Regex IncludeDirective();

    // snarkjs's three ways of saying a proof was checked and refused (as opposed to a crash).
    [GeneratedRegex(@"Invalid proof|Public inputs are not valid|Proof commitments are not valid")]
    private static partial Regex RejectionMessage();
}
