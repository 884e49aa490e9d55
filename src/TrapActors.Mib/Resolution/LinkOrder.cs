using TrapActors.Mib.Loading;

namespace TrapActors.Mib.Resolution;

/// <summary>
/// The order in which net-snmp links modules into its tree, which decides the module of an OID that several modules
/// define: the first one linked keeps the node. net-snmp reads the modules in the reverse of the order it found them
/// (directories in order, files by name) and each one after the modules it imports, depth first in IMPORTS order.
/// So with erlang-snmp's mibs and mibs/v1, org is RFC1155-SMI::org (v1 comes last, so it is read first) and sysDescr
/// is RFC1213-MIB::sysDescr (v1's RFC-1212 imports RFC1158-MIB, which stands for RFC1213-MIB, so that is read early).
/// </summary>
internal static class LinkOrder
{
    public static List<MibModule> Of(IReadOnlyList<MibModule> modules)
    {
        var byName = new Dictionary<string, MibModule>(StringComparer.Ordinal);
        foreach (var module in modules)
            byName.TryAdd(module.Name, module);
        var visited = new HashSet<MibModule>();
        var order = new List<MibModule>(modules.Count);
        for (var i = modules.Count - 1; i >= 0; i--)
            Visit(modules[i], byName, visited, order);
        return order;
    }

    private static void Visit(MibModule module, Dictionary<string, MibModule> byName, HashSet<MibModule> visited, List<MibModule> order)
    {
        if (!visited.Add(module)) return;
        foreach (var import in module.Imports)
        {
            var imported = byName.GetValueOrDefault(import)
                ?? (WellKnownNames.ModuleAliases.TryGetValue(import, out var alias) ? byName.GetValueOrDefault(alias) : null);
            if (imported is not null) Visit(imported, byName, visited, order);
        }
        order.Add(module);
    }
}
