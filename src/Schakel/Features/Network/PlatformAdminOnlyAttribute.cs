using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Schakel.Features.Tlp;

namespace Schakel.Features.Network;

/// <summary>
/// Answers 403 to every handler of the page unless the signed-in person is a platform administrator. A plain
/// status code rather than <c>[Authorize(Roles)]</c>, whose cookie challenge would redirect to the sign-in page.
/// Use it together with <c>[Authorize]</c> (which sends anonymous visitors to sign in).
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class PlatformAdminOnlyAttribute : Attribute, IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        if (!Viewer.From(context.HttpContext.User).IsPlatformAdmin)
        {
            context.Result = new StatusCodeResult(StatusCodes.Status403Forbidden);
            return;
        }

        await next();
    }
}
