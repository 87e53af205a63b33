namespace PrimeFunctions.Cli;

/// <summary>
/// A plain-text table that fits a width without wrapping a cell: columns two spaces apart, each as wide as its widest
/// cell. When the whole does not fit, the columns marked optional are left out, last first; if it still does not fit,
/// the first column is shortened in the middle with … (its start and end are what tell ids apart).
/// </summary>
internal sealed class FittedTable(params (string Header, bool Optional)[] columns)
{
    private const string Gap = "  ";
    private readonly List<string[]> rows = [];

    public void Add(params string[] cells) => rows.Add(cells);

    public IEnumerable<string> Lines(int width, bool unicode)
    {
        var shown = Enumerable.Range(0, columns.Length).ToList();
        int Width(int column) => rows.Select(row => row[column].Length).Append(columns[column].Header.Length).Max();
        int Total() => shown.Sum(Width) + Gap.Length * (shown.Count - 1);
        for (var column = columns.Length - 1; column >= 0 && Total() > width; column--)
        {
            if (columns[column].Optional)
            {
                shown.Remove(column);
            }
        }

        var widths = shown.ToDictionary(column => column, Width);
        widths[shown[0]] = Math.Max(columns[shown[0]].Header.Length, widths[shown[0]] - Math.Max(0, Total() - width));
        foreach (var cells in rows.Prepend(columns.Select(c => c.Header).ToArray()))
        {
            yield return string.Join(Gap, shown.Select(column => Fit(cells[column], widths[column], unicode))).TrimEnd();
        }
    }

    private static string Fit(string cell, int width, bool unicode)
    {
        if (cell.Length <= width)
        {
            return cell.PadRight(width);
        }

        var keep = width - 1;
        return cell[..((keep + 1) / 2)] + (unicode ? "…" : "~") + cell[^(keep / 2)..];
    }
}
