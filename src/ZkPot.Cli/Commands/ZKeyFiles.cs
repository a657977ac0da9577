using ZkPot.Snark.Formats;

namespace ZkPot.Cli.Commands;

/// <summary>Writes a .zkey so that a failure midway leaves any existing file untouched: a temporary file beside it, then a rename.</summary>
static class ZKeyFiles
{
    public static void WriteAtomically(ZKey zkey, string path)
    {
        var full = Path.GetFullPath(path);
        var temporary = full + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp";
        try
        {
            ZKeyWriter.Write(zkey, temporary);
            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
                File.Delete(temporary);
        }
    }
}
