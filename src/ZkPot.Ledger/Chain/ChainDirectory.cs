using System.Text.Json;
using ZkPot.Ledger.Crypto;

namespace ZkPot.Ledger.Chain;

/// <summary>A chain on disk: genesis.json (the record the genesis block commits to), one canonical file per block (block-00000000.bin, ...) and chain.json, an index.</summary>
/// <remarks>
/// chain.json: {"format":"zkpot-chain/v2","genesis_hash":hex,"block_count":n}. It is a convenience for people and
/// tools and is not trusted: the validators, the task and the proof scheme (with the files it needs, by SHA-256) come
/// from genesis.json, which counts only once the genesis block's hash is one the reader trusts
/// (<see cref="LoadedChain.AnchorProblem"/>).
/// </remarks>
public static class ChainDirectory
{
    public const string ManifestFile = "chain.json";
    public const string Format = "zkpot-chain/v2";

    public static string BlockFileName(long height) => $"block-{height:D8}.bin";

    /// <summary>Writes the blocks, the genesis record and the index; the files the record's proof parameters name are the caller's to write.</summary>
    public static void Export(string directory, IReadOnlyList<Block> blocks, byte[] genesisRecord)
    {
        if (blocks.Count == 0) throw new ArgumentException("nothing to export: the chain is empty", nameof(blocks));
        if (blocks[0].Header.PreviousHash != Hash32.Sha256(genesisRecord))
            throw new ArgumentException("the genesis block does not commit to this genesis record", nameof(genesisRecord));
        Directory.CreateDirectory(directory);
        WriteAtomically(Path.Combine(directory, GenesisRecord.FileName), genesisRecord);
        for (int i = 0; i < blocks.Count; i++) WriteAtomically(Path.Combine(directory, BlockFileName(i)), blocks[i].Encode());
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("format", Format);
            json.WriteString("genesis_hash", blocks[0].Hash.ToString());
            json.WriteNumber("block_count", blocks.Count);
            json.WriteEndObject();
        }
        WriteAtomically(Path.Combine(directory, ManifestFile), stream.ToArray());
    }

    /// <summary>Reads the genesis record and the raw block files; throws InvalidDataException or IOException when the directory cannot be read as a chain.</summary>
    public static LoadedChain Load(string directory)
    {
        var files = new ChainFiles(directory);
        int count;
        try
        {
            using var doc = JsonDocument.Parse(files.Read(ManifestFile, "index"));
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("format", out var f) || f.ValueKind != JsonValueKind.String || f.GetString() != Format)
                throw new InvalidDataException($"{ManifestFile}: format is not {Format}");
            if (!root.TryGetProperty("block_count", out var c) || c.ValueKind != JsonValueKind.Number || !c.TryGetInt32(out count) || count < 1)
                throw new InvalidDataException($"{ManifestFile}: block_count must be a positive integer");
        }
        catch (JsonException e) { throw new InvalidDataException($"{ManifestFile}: not valid JSON: {e.Message}"); }
        var recordBytes = files.Read(GenesisRecord.FileName, "genesis record");
        var record = GenesisRecord.Decode(recordBytes, GenesisRecord.FileName);
        var blocks = new List<byte[]>();
        for (int i = 0; i < count; i++) blocks.Add(files.Read(BlockFileName(i), $"block {i} (chain.json lists {count})"));
        return new LoadedChain(record, recordBytes, blocks, files);
    }

    static void WriteAtomically(string path, byte[] bytes)
    {
        string temp = path + ".tmp";
        File.WriteAllBytes(temp, bytes);
        File.Move(temp, path, overwrite: true);
    }
}
