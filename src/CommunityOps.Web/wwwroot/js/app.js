// Behaviour shared by every page. No inline scripts anywhere: the Content-Security-Policy forbids them.
'use strict';

document.querySelectorAll('select[data-autosubmit]').forEach(function (select) {
    select.addEventListener('change', function () { select.form.submit(); });
});

// The anti-forgery token for requests made from scripts (sent as the X-CSRF-TOKEN header).
window.communityOps = {
    csrfToken: function () {
        var meta = document.querySelector('meta[name="csrf-token"]');
        return meta ? meta.getAttribute('content') : '';
    },
    lang: document.documentElement.lang || 'en'
};
