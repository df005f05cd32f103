using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Schakel.Features.Web;

/// <summary>The page behind a bare error status of a browser request (re-executed by the status code pages); the status is kept.</summary>
[Microsoft.AspNetCore.Mvc.IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public int Code { get; private set; }

    public void OnGet(int code) => Code = code;

    /// <summary>A failed POST is re-executed as a POST; it gets the same page.</summary>
    public void OnPost(int code) => Code = code;
}
