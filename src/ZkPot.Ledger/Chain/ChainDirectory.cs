using System.Text.Json;
using ZkPot.Ledger.Crypto;
using ZkPot.Ledger.Identity;

namespace ZkPot.Ledger.Chain;

/// <summary>A chain on disk: chain.json (manifest) and one canonical file per block, block-00000000.bin, ...</summary>
/// <remarks>
/// chain.json: {"format":"zkpot-chain/v1","task_id":hex,"genesis_hash":hex,"block_count":n,
/// "validators":[{"id":hex,"ed25519":hex,"x25519":hex}],"proof_verifier":{"scheme":name,"parameters":{name:value}}}.
/// The proof scheme names the verifier that checks claims (e.g. the simulation's stand-in, or Groth16 with the file
/// of its verification key as a parameter relative to the directory).
/// </remarks>
public static class ChainDirectory
{
    public const string ManifestFile = "chain.json";
    public const string Format = "zkpot-chain/v1";

    public static string BlockFileName(long height) => $"block-{height:D8}.bin";

    public static void Export(string directory, IReadOnlyList<Block> blocks, ValidatorSet validators, string proofScheme,
                              IReadOnlyDictionary<string, string> proofParameters)
    {
        if (blocks.Count == 0) throw new ArgumentException("nothing to export: the chain is empty", nameof(blocks));
        Directory.CreateDirectory(directory);
        for (int i = 0; i < blocks.Count; i++) WriteAtomically(Path.Combine(directory, BlockFileName(i)), blocks[i].Encode());
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("format", Format);
            json.WriteString("task_id", blocks[0].Header.TaskId.ToString());
            json.WriteString("genesis_hash", blocks[0].Hash.ToString());
            json.WriteNumber("block_count", blocks.Count);
            json.WriteStartArray("validators");
            foreach (var v in validators.Members)
            {
                json.WriteStartObject();
                json.WriteString("id", v.Id.ToString());
                json.WriteString("ed25519", Convert.ToHexStringLower(v.SigningPublicKey));
                json.WriteString("x25519", Convert.ToHexStringLower(v.AgreementPublicKey));
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteStartObject("proof_verifier");
            json.WriteString("scheme", proofScheme);
            json.WriteStartObject("parameters");
            foreach (var (k, value) in proofParameters.OrderBy(p => p.Key, StringComparer.Ordinal)) json.WriteString(k, value);
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndObject();
        }
        WriteAtomically(Path.Combine(directory, ManifestFile), stream.ToArray());
    }

    /// <summary>Reads the manifest and the raw block files; throws InvalidDataException or IOException when the directory cannot be read as a chain.</summary>
    public static (ChainManifest Manifest, IReadOnlyList<byte[]> Blocks) Load(string directory)
    {
        if (!Directory.Exists(directory)) throw new DirectoryNotFoundException($"chain directory {directory} does not exist");
        string manifestPath = Path.Combine(directory, ManifestFile);
        if (!File.Exists(manifestPath)) throw new FileNotFoundException($"{manifestPath} is missing", manifestPath);
        ChainManifest manifest;
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(manifestPath));
            manifest = ParseManifest(doc.RootElement, manifestPath);
        }
        catch (JsonException e) { throw new InvalidDataException($"{manifestPath}: not valid JSON: {e.Message}"); }
        var blocks = new List<byte[]>(manifest.BlockCount);
        for (int i = 0; i < manifest.BlockCount; i++)
        {
            string path = Path.Combine(directory, BlockFileName(i));
            if (!File.Exists(path)) throw new FileNotFoundException($"{path} is missing (chain.json lists {manifest.BlockCount} blocks)", path);
            blocks.Add(File.ReadAllBytes(path));
        }
        return (manifest, blocks);
    }

    static ChainManifest ParseManifest(JsonElement root, string path)
    {
        string format = Str(root, "format", path);
        if (format != Format) throw new InvalidDataException($"{path}: format '{format}' is not {Format}");
        var task = Hash32.Parse(Str(root, "task_id", path), $"{path}: task_id");
        var genesis = Hash32.Parse(Str(root, "genesis_hash", path), $"{path}: genesis_hash");
        if (!root.TryGetProperty("block_count", out var countElement) || !countElement.TryGetInt32(out int count) || count < 1)
            throw new InvalidDataException($"{path}: block_count must be a positive integer");
        if (!root.TryGetProperty("validators", out var list) || list.ValueKind != JsonValueKind.Array)
            throw new InvalidDataException($"{path}: validators must be an array");
        var validators = new List<ValidatorInfo>();
        int index = 0;
        foreach (var v in list.EnumerateArray())
        {
            string where = $"{path}: validators[{index++}]";
            ValidatorInfo info;
            try { info = new ValidatorInfo(Convert.FromHexString(Str(v, "ed25519", where)), Convert.FromHexString(Str(v, "x25519", where))); }
            catch (Exception e) when (e is FormatException or ArgumentException) { throw new InvalidDataException($"{where}: {e.Message}"); }
            var id = NodeId.Parse(Str(v, "id", where), $"{where}.id");
            if (id != info.Id) throw new InvalidDataException($"{where}: id {id} is not SHA-256 of its Ed25519 key ({info.Id})");
            validators.Add(info);
        }
        ValidatorSet set;
        try { set = new ValidatorSet(validators); }
        catch (ArgumentException e) { throw new InvalidDataException($"{path}: {e.Message}"); }
        if (!root.TryGetProperty("proof_verifier", out var pv) || pv.ValueKind != JsonValueKind.Object)
            throw new InvalidDataException($"{path}: proof_verifier must be an object");
        string scheme = Str(pv, "scheme", $"{path}: proof_verifier");
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        if (pv.TryGetProperty("parameters", out var ps))
        {
            if (ps.ValueKind != JsonValueKind.Object) throw new InvalidDataException($"{path}: proof_verifier.parameters must be an object");
            foreach (var p in ps.EnumerateObject())
                parameters[p.Name] = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : throw new InvalidDataException($"{path}: proof_verifier.parameters.{p.Name} must be a string");
        }
        return new ChainManifest(task, genesis, set, scheme, parameters, count);
    }

    static string Str(JsonElement e, string name, string where) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String
            ? v.GetString()!
            : throw new InvalidDataException($"{where}: missing string field '{name}'");

    static void WriteAtomically(string path, byte[] bytes)
    {
        string temp = path + ".tmp";
        File.WriteAllBytes(temp, bytes);
        File.Move(temp, path, overwrite: true);
    }
}
