// Import page: uploads with a byte progress bar, then follows the import itself over server-sent events.
'use strict';

(function () {
    var form = document.getElementById('upload-form');
    if (form) {
        form.addEventListener('submit', function (e) {
            e.preventDefault();
            var bar = document.querySelector('#upload-progress');
            var inner = bar.querySelector('.progress-bar');
            var error = document.getElementById('upload-error');
            var submit = document.getElementById('upload-submit');
            error.classList.add('d-none');
            bar.classList.remove('d-none');
            submit.disabled = true;
            var xhr = new XMLHttpRequest();
            xhr.open('POST', form.getAttribute('action'));
            xhr.setRequestHeader('X-CSRF-TOKEN', window.communityOps.csrfToken());
            xhr.setRequestHeader('Accept', 'application/json');
            xhr.upload.addEventListener('progress', function (p) {
                if (p.lengthComputable) {
                    inner.style.width = Math.round(p.loaded * 100 / p.total) + '%';
                }
            });
            xhr.addEventListener('load', function () {
                var body = null;
                try { body = JSON.parse(xhr.responseText); } catch (ignored) { body = null; }
                if (xhr.status === 202 && body && body.id) {
                    window.location.href = '/imports/' + body.id;
                    return;
                }
                // The message from the page's resources; the server's own detail (English, naming the
                // field or the file) follows it as data.
                fail(xhr.status === 413 ? form.dataset.msgTooLarge : form.dataset.msgFailed + ' (' + xhr.status + ')', body && body.detail);
            });
            xhr.addEventListener('error', function () { fail(form.dataset.msgFailed); });
            xhr.send(new FormData(form));

            function fail(message, detail) {
                submit.disabled = false;
                bar.classList.add('d-none');
                // textContent, never innerHTML: the detail may quote a file name.
                error.textContent = message;
                if (detail) {
                    var server = document.createElement('div');
                    server.className = 'small server-message';
                    server.setAttribute('translate', 'no');
                    server.textContent = detail;
                    error.appendChild(server);
                }
                error.classList.remove('d-none');
            }
        });
    }

    var live = document.getElementById('import-live');
    if (live) {
        var inner = live.querySelector('.progress-bar');
        var source = new EventSource(live.dataset.eventsUrl);
        source.addEventListener('progress', function (e) {
            var job = JSON.parse(e.data);
            inner.style.width = job.percent + '%';
            inner.textContent = job.percent + '%';
        });
        source.addEventListener('done', function () {
            // The finished page (summary or error) is rendered by the server, localized and escaped.
            source.close();
            window.location.reload();
        });
    }
})();
