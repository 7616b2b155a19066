package dev.mercato.web.servlet;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * Spring Security's firewall refuses requests it considers unsafe (a header value with bytes outside its allowed set,
 * an encoded slash or dot segment): by default the exception escapes the filter chain and becomes a 500. It is the
 * request that is wrong, so the answer is a 400 problem document.
 */
public class RejectedRequestHandler implements RequestRejectedHandler {

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException rejected)
            throws IOException {
        request.setAttribute(
                ProblemErrorController.DETAIL_ATTRIBUTE,
                "The request has a header, path or parameter that is not allowed");
        response.sendError(HttpServletResponse.SC_BAD_REQUEST);
    }
}
