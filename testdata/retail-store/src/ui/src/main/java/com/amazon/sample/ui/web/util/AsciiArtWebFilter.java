/*
 * Copyright Amazon.com, Inc. or its affiliates. All Rights Reserved.
 * SPDX-License-Identifier: MIT-0
 *
 * Permission is hereby granted, free of charge, to any person obtaining a copy of this
 * software and associated documentation files (the "Software"), to deal in the Software
 * without restriction, including without limitation the rights to use, copy, modify,
 * merge, publish, distribute, sublicense, and/or sell copies of the Software, and to
 * permit persons to whom the Software is furnished to do so.
 *
 * THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED,
 * INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A
 * PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT
 * HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION
 * OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE
 * SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.
 */

package com.amazon.sample.ui.web.util;

import jakarta.annotation.PostConstruct;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

@Component
public class AsciiArtWebFilter implements WebFilter {

  private byte[] asciiArtBytes;

  @PostConstruct
  public void init() throws IOException {
    asciiArtBytes = new ClassPathResource(
      "ascii-art.txt"
    ).getContentAsByteArray();
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    String path = exchange.getRequest().getPath().value();
    String accept = exchange
      .getRequest()
      .getHeaders()
      .getFirst(HttpHeaders.ACCEPT);

    boolean isRoot = "/".equals(path) || "".equals(path);
    boolean wantsBrowser =
      accept != null && accept.contains(MediaType.TEXT_HTML_VALUE);

    if (!isRoot || wantsBrowser) {
      return chain.filter(exchange);
    }

    exchange.getResponse().setStatusCode(HttpStatus.OK);
    exchange
      .getResponse()
      .getHeaders()
      .setContentType(new MediaType("text", "plain", StandardCharsets.UTF_8));

    DataBuffer buffer = exchange
      .getResponse()
      .bufferFactory()
      .wrap(asciiArtBytes);
    return exchange.getResponse().writeWith(Mono.just(buffer));
  }
}
