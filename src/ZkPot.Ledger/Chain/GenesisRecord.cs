using System.Text.Json;
using ZkPot.Ledger.Crypto;
using ZkPot.Ledger.Identity;

namespace ZkPot.Ledger.Chain;

/// <summary>
/// What a chain's genesis block commits to: the task (its id and public spec), the validator set, and the proof scheme
/// with its parameters. A parameter that names a file (the verifying key, the setup transcript) comes with the file's
/// SHA-256 under the same name plus <see cref="FileHashSuffix"/>, so the record pins the file's bytes, not its name.
/// </summary>
/// <remarks>
/// Stored as genesis.json; the genesis header's previous-hash field is the SHA-256 of that file's bytes (a plain
/// SHA-256, so <c>sha256sum genesis.json</c> shows it). Anyone who trusts the genesis block's hash therefore trusts
/// every field here and nothing else, which is what lets <c>zkpot chain verify --genesis HASH</c> check a chain with no
/// other input from the party that handed it over.
/// </remarks>
public sealed class GenesisRecord
{
    public const string Format = "zkpot-genesis/v1";
    public const string FileName = "genesis.json";
    public const string FileHashSuffix = "_sha256";

    public GenesisRecord(Hash32 taskId, IReadOnlyDictionary<string, string> task, ValidatorSet validators, string proofScheme,
                         IReadOnlyDictionary<string, string> proofParameters)
    {
        if (string.IsNullOrEmpty(proofScheme)) throw new ArgumentException("a genesis record needs a proof scheme", nameof(proofScheme));
        TaskId = taskId;
        Task = new SortedDictionary<string, string>(task.ToDictionary(), StringComparer.Ordinal);
        Validators = validators;
        ProofScheme = proofScheme;
        ProofParameters = new SortedDictionary<string, string>(proofParameters.ToDictionary(), StringComparer.Ordinal);
    }

    public Hash32 TaskId { get; }

    /// <summary>The task's public spec (model shape, batch, seeds, training settings), as name and value.</summary>
    public IReadOnlyDictionary<string, string> Task { get; }

    public ValidatorSet Validators { get; }

    public string ProofScheme { get; }

    public IReadOnlyDictionary<string, string> ProofParameters { get; }

    /// <summary>The hash the genesis header's previous-hash field must hold: SHA-256 of <see cref="Encode"/>.</summary>
    public Hash32 Hash => Hash32.Sha256(Encode());

    /// <summary>The file's SHA-256 a file parameter commits to, read from the parameter beside it.</summary>
    public static string HashParameterOf(string fileParameter) => fileParameter + FileHashSuffix;

    /// <summary>Indented JSON with fields in a fixed order and names sorted: the same record always gives the same bytes.</summary>
    public byte[] Encode()
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("format", Format);
            json.WriteString("task_id", TaskId.ToString());
            WriteMap(json, "task", Task);
            json.WriteStartArray("validators");
            foreach (var v in Validators.Members)
            {
                json.WriteStartObject();
                json.WriteString("id", v.Id.ToString());
                json.WriteString("ed25519", Convert.ToHexStringLower(v.SigningPublicKey));
                json.WriteString("x25519", Convert.ToHexStringLower(v.AgreementPublicKey));
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteStartObject("proof_verifier");
            json.WriteString("scheme", ProofScheme);
            WriteMap(json, "parameters", ProofParameters);
            json.WriteEndObject();
            json.WriteEndObject();
        }
        stream.WriteByte((byte)'\n');
        return stream.ToArray();
    }

    static void WriteMap(Utf8JsonWriter json, string name, IReadOnlyDictionary<string, string> map)
    {
        json.WriteStartObject(name);
        foreach (var (k, value) in map) json.WriteString(k, value);
        json.WriteEndObject();
    }

    /// <summary>Parses genesis.json; InvalidDataException names the field that is wrong (<paramref name="where"/> names the file).</summary>
    public static GenesisRecord Decode(ReadOnlySpan<byte> bytes, string where)
    {
        try
        {
            using var doc = JsonDocument.Parse(bytes.ToArray());
            var root = doc.RootElement;
            string format = Str(root, "format", where);
            if (format != Format) throw new InvalidDataException($"{where}: format '{format}' is not {Format}");
            var task = Hash32.Parse(Str(root, "task_id", where), $"{where}: task_id");
            var spec = Map(root, "task", where);
            if (!root.TryGetProperty("validators", out var list) || list.ValueKind != JsonValueKind.Array)
                throw new InvalidDataException($"{where}: validators must be an array");
            var validators = new List<ValidatorInfo>();
            int index = 0;
            foreach (var v in list.EnumerateArray())
            {
                string at = $"{where}: validators[{index++}]";
                ValidatorInfo info;
                try { info = new ValidatorInfo(Convert.FromHexString(Str(v, "ed25519", at)), Convert.FromHexString(Str(v, "x25519", at))); }
                catch (Exception e) when (e is FormatException or ArgumentException) { throw new InvalidDataException($"{at}: {e.Message}"); }
                var id = NodeId.Parse(Str(v, "id", at), $"{at}.id");
                if (id != info.Id) throw new InvalidDataException($"{at}: id {id} is not SHA-256 of its Ed25519 key ({info.Id})");
                validators.Add(info);
            }
            ValidatorSet set;
            try { set = new ValidatorSet(validators); }
            catch (ArgumentException e) { throw new InvalidDataException($"{where}: {e.Message}"); }
            if (!root.TryGetProperty("proof_verifier", out var pv) || pv.ValueKind != JsonValueKind.Object)
                throw new InvalidDataException($"{where}: proof_verifier must be an object");
            string scheme = Str(pv, "scheme", $"{where}: proof_verifier");
            if (scheme.Length == 0) throw new InvalidDataException($"{where}: proof_verifier.scheme is empty");
            return new GenesisRecord(task, spec, set, scheme, Map(pv, "parameters", $"{where}: proof_verifier"));
        }
        catch (JsonException e) { throw new InvalidDataException($"{where}: not valid JSON: {e.Message}"); }
        catch (FormatException e) { throw new InvalidDataException($"{where}: {e.Message}"); }
    }

    static Dictionary<string, string> Map(JsonElement parent, string name, string where)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!parent.TryGetProperty(name, out var obj) || obj.ValueKind != JsonValueKind.Object)
            throw new InvalidDataException($"{where}: {name} must be an object");
        foreach (var p in obj.EnumerateObject())
        {
            if (p.Value.ValueKind != JsonValueKind.String) throw new InvalidDataException($"{where}: {name}.{p.Name} must be a string");
            if (!map.TryAdd(p.Name, p.Value.GetString()!)) throw new InvalidDataException($"{where}: {name}.{p.Name} appears twice");
        }
        return map;
    }

    static string Str(JsonElement e, string name, string where) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String
            ? v.GetString()!
            : throw new InvalidDataException($"{where}: missing string field '{name}'");
}
