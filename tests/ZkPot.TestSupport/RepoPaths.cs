namespace ZkPot.TestSupport;

/// <summary>
/// Locates the repository root and the folders tests read from: test vectors, node tools, circuits, the oracle cache.
/// Every path lies inside the root; nothing a test reads comes from beside the repository (a guard test checks).
/// </summary>
public static class RepoPaths
{
    const string SolutionFile = "ZkPot.Orleans.sln";

    static readonly Lazy<string> root = new(FindRoot, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>
    /// The folder holding ZkPot.Orleans.sln: ZKPOT_ROOT when set, else the nearest ancestor of the test binaries,
    /// else of the working directory (for tools built outside the tree, such as <c>dotnet run --file</c> scripts).
    /// </summary>
    public static string Root => root.Value;

    /// <summary>The public test vectors (tests/vectors), each folder with a README giving its provenance.</summary>
    public static string TestVectors => Path.Combine(Root, "tests", "vectors");

    /// <summary>The npm packages of the repository (snarkjs, circom2), installed from package-lock.json.</summary>
    public static string NodeModules => Path.Combine(Root, "node_modules");

    /// <summary>The npm executables folder (snarkjs, circom2).</summary>
    public static string NodeModulesBin => Path.Combine(NodeModules, ".bin");

    /// <summary>The circom sources the oracle tests use.</summary>
    public static string Circuits => Path.Combine(Root, "tests", "circuits");

    /// <summary>The node scripts that drive snarkjs in bulk (prove-many.js, verify-batch.js).</summary>
    public static string OracleScripts => Path.Combine(Root, "tests", "oracle");

    /// <summary>Where oracle artifacts are cached between test runs and shared between test projects.</summary>
    public static string OracleCache => Path.Combine(Root, ".build", "oracle");

    /// <summary>The path of tests/circuits/NAME.circom; throws when it does not exist.</summary>
    public static string Circuit(string name) => Existing(Path.Combine(Circuits, name + ".circom"), "circuit");

    /// <summary>The path of a file under tests/vectors; throws when it does not exist.</summary>
    public static string TestVector(string relativePath) => Existing(Path.Combine(TestVectors, relativePath), "test vector");

    static string Existing(string path, string what) =>
        File.Exists(path) ? path : throw new FileNotFoundException($"{what} not found: {path}", path);

    static string FindRoot()
    {
        var fromEnv = Environment.GetEnvironmentVariable("ZKPOT_ROOT");
        if (!string.IsNullOrEmpty(fromEnv))
        {
            var full = Path.GetFullPath(fromEnv);
            return File.Exists(Path.Combine(full, SolutionFile))
                ? full
                : throw new DirectoryNotFoundException($"ZKPOT_ROOT={fromEnv} does not hold {SolutionFile}");
        }
        return Ancestor(AppContext.BaseDirectory) ?? Ancestor(Environment.CurrentDirectory)
            ?? throw new DirectoryNotFoundException(
                $"no folder above {AppContext.BaseDirectory} or {Environment.CurrentDirectory} holds {SolutionFile}; " +
                "set ZKPOT_ROOT to the repository root");
    }

    static string? Ancestor(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, SolutionFile)))
                return dir.FullName;
        }
        return null;
    }
}
