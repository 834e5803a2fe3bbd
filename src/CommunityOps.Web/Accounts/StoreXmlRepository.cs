using System.Xml.Linq;
using CommunityOps.Accounts;
using CommunityOps.Storage;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace CommunityOps.Web.Accounts;

/// <summary>
/// Keeps Data Protection's keys (which encrypt session cookies and anti-forgery tokens) in the store,
/// so every instance serving one PostgreSQL store accepts the others' cookies, and restarts keep sessions.
/// The interface is synchronous; it is called when the key ring is loaded or rotated, not per request.
/// </summary>
internal sealed class StoreXmlRepository(Store store) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var db = store.CreateDbContext();
        return db.DataProtectionKeys.Select(k => k.Xml).ToList().Select(x => XElement.Parse(x)).ToList();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var db = store.CreateDbContext();
        db.DataProtectionKeys.Add(new DataProtectionKey { FriendlyName = friendlyName, Xml = element.ToString(SaveOptions.DisableFormatting) });
        db.SaveChanges();
    }
}
